package dev.newsdesk.cli;

import dev.newsdesk.answer.Engine;
import dev.newsdesk.config.Settings;
import dev.newsdesk.eval.Benchmark;
import dev.newsdesk.eval.EvalQuestion;
import dev.newsdesk.eval.Evaluation;
import dev.newsdesk.eval.SyntheticCorpus;
import dev.newsdesk.index.opensearch.OpenSearchIndexer;
import dev.newsdesk.ingest.Chunker;
import dev.newsdesk.ingest.Cleaner;
import dev.newsdesk.ingest.CorpusLoader;
import dev.newsdesk.ingest.SentenceSplitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks the corpus and a synthetic corpus of --chunks chunks: index build time,"
                + " retrieval and full-answer latency p50/p99 with 1 and 2 threads, and peak heap.",
                "Indexes go to temporary folders, or with --store opensearch to indices <prefix>-bench-*"
                        + " that are deleted afterwards; nothing of yours is touched."})
final class BenchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--questions", paramLabel = "FILE", defaultValue = "eval/questions.jsonl",
            description = "Questions to ask (default: ${DEFAULT-VALUE}).")
    Path questions;

    @Option(names = "--chunks", defaultValue = "10000", description = "Size of the synthetic corpus (default: ${DEFAULT-VALUE}; 0 skips it).")
    int chunks;

    @Override
    public Integer call() throws Exception {
        Settings base = options.settings();
        List<String> asked = Evaluation.load(questions).stream().map(EvalQuestion::question).toList();
        run("corpus " + base.corpus(), base.corpus(), asked);
        if (chunks > 0) {
            Path synthetic = Files.createTempDirectory("newsdesk-synthetic");
            int articles = SyntheticCorpus.write(synthetic, new CorpusLoader(System.err::println).load(base.corpus()),
                    new Chunker(new Cleaner(), new SentenceSplitter(), 3, 1), chunks, 42);
            run("synthetic corpus, " + articles + " articles", synthetic, asked);
        }
        return 0;
    }

    private void run(String name, Path corpus, List<String> asked) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("NEWSDESK_CORPUS", corpus.toString());
        overrides.put("NEWSDESK_INDEX", Files.createTempDirectory("newsdesk-bench-index").toString());
        // A prefix of its own per run: a full build, as into an empty folder, and the user's indices untouched.
        overrides.put("OPENSEARCH_INDEX", options.settings().store().prefix() + "-bench-" + System.currentTimeMillis());
        Settings settings = options.settings(overrides);
        try {
            measure(name, settings, asked);
        } finally {
            if (settings.store().openSearch()) {
                OpenSearchIndexer.drop(settings.store());
            }
        }
    }

    private void measure(String name, Settings settings, List<String> asked) throws Exception {
        Benchmark.resetPeakHeap();
        long started = System.nanoTime();
        try (Engine engine = Engine.start(settings, s -> { }, new ProgressBar(System.err))) {
            double buildSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%n%s: %d chunks, index built in %.1f s (model load included)%n",
                    name, engine.index().chunkCount(), buildSeconds);
            Benchmark bench = new Benchmark(engine, asked);
            engine.warmUp();
            bench.answers(2); // and once more over the questions themselves
            for (int threads : new int[] {1, 2}) {
                System.out.println("  retrieval    " + bench.retrieval(threads));
                System.out.println("  full answer  " + bench.answers(threads));
            }
            System.out.printf("  peak heap %d MB%n", Benchmark.peakHeapMb());
        }
    }
}
