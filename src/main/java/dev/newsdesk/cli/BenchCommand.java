package dev.newsdesk.cli;

import dev.newsdesk.answer.Pipeline;
import dev.newsdesk.config.Settings;
import dev.newsdesk.eval.Benchmark;
import dev.newsdesk.eval.EvalQuestion;
import dev.newsdesk.eval.Evaluation;
import dev.newsdesk.eval.Measurement;
import dev.newsdesk.eval.ScalePlot;
import dev.newsdesk.eval.SyntheticCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks a store on the corpus (--chunks 0) and on synthetic news of --chunks chunks:"
                + " indexing throughput, retrieval and full-answer latency p50/p99 with 1 and 2 threads, and heap.",
                "Indexes go to --work (a temporary folder by default), or with --store opensearch to indices"
                        + " <prefix>-bench-* that are deleted afterwards; nothing of yours is touched."})
final class BenchCommand implements Callable<Integer> {

    private final Parts parts;

    BenchCommand(Parts parts) {
        this.parts = parts;
    }

    @Mixin
    CommonOptions options;

    @Option(names = "--questions", paramLabel = "FILE", defaultValue = "eval/questions.jsonl",
            description = "Questions to ask (default: ${DEFAULT-VALUE}).")
    Path questions;

    @Option(names = "--chunks", split = ",", defaultValue = "0,10000", paramLabel = "N[,N...]",
            description = "Corpus sizes to measure: 0 is the corpus itself, N a synthetic corpus of about N chunks"
                    + " made from its sentences (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--work", paramLabel = "DIR", description = "Keeps the synthetic corpora and their Lucene"
            + " indexes here; a later run with --store opensearch then copies the Lucene index of the same corpus"
            + " instead of embedding it again (default: a temporary folder).")
    Path work;

    @Option(names = "--record", paramLabel = "FILE", description = "Appends each measurement to this JSON-lines file.")
    Path record;

    @Option(names = "--plot", paramLabel = "PNG", description = "Draws latency and throughput against size for every"
            + " store in --record (or measured in this run), and prints the stores side by side.")
    Path plot;

    @Override
    public Integer call() throws Exception {
        Settings base = options.settings();
        Path folder = work != null ? Files.createDirectories(work) : Files.createTempDirectory("newsdesk-bench");
        List<String> asked = Evaluation.load(questions).stream().map(EvalQuestion::question).toList();
        List<Measurement> measured = new ArrayList<>();
        for (int size : sizes) {
            // Named after the corpus they come from, so that another --corpus never reuses them.
            String name = base.corpus().getFileName() + "-" + size;
            Path corpus = size == 0 ? base.corpus() : synthetic(base, folder.resolve("synthetic-" + name), size);
            Measurement m = measure(size == 0 ? base.corpus().getFileName().toString() : "synthetic", corpus,
                    folder.resolve("lucene-" + name), asked);
            measured.add(m);
            if (record != null) {
                m.appendTo(record);
            }
        }
        if (plot != null) {
            List<Measurement> all = record != null ? Measurement.readAll(record) : measured;
            ScalePlot.draw(all, plot);
            System.out.println();
            System.out.print(new BenchTable(all));
            System.out.println("plotted to " + plot);
        }
        return 0;
    }

    /** A synthetic corpus of about {@code chunks} chunks, written once per --work folder (the same seed each time). */
    private Path synthetic(Settings base, Path corpus, int chunks) throws Exception {
        if (!Files.isDirectory(corpus)) {
            Path partial = Files.createTempDirectory(corpus.getParent(), "synthetic-");
            SyntheticCorpus.write(partial, parts.articles(base.corpus(), System.err::println),
                    parts.chunker(), chunks, 42);
            Files.move(partial, corpus); // complete or absent, should a run be stopped midway
        }
        return corpus;
    }

    private static void delete(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private Measurement measure(String name, Path corpus, Path luceneIndex, List<String> asked) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("NEWSDESK_CORPUS", corpus.toString());
        overrides.put("NEWSDESK_INDEX", luceneIndex.toString());
        // A prefix of its own per run: a full build, as into an empty cluster, and the user's indices untouched.
        overrides.put("OPENSEARCH_INDEX", options.settings().store().prefix() + "-bench-" + System.currentTimeMillis());
        Settings settings = options.settings(overrides);
        boolean cluster = settings.store().openSearch();
        boolean copy = cluster && Files.isDirectory(luceneIndex);
        if (!cluster) {
            delete(luceneIndex); // a full build is what is measured
        }
        Benchmark.resetPeakHeap();
        long started = System.nanoTime();
        try {
            if (copy) {
                parts.copy(settings, luceneIndex, s -> { }, new ProgressBar(System.err));
            }
            try (Pipeline engine = parts.start(settings, s -> { }, new ProgressBar(System.err))) {
                double indexSeconds = (System.nanoTime() - started) / 1e9;
                long indexHeap = Benchmark.peakHeapMb();
                int chunks = engine.index().chunkCount();
                System.out.printf("%n%s, %s store: %d articles, %d chunks, %s in %.1f s (%.0f chunks/s, model load"
                                + " included)%n", name, settings.store().kind(), engine.corpus().asList().size(), chunks,
                        copy ? "copied from the Lucene index" : "indexed", indexSeconds, chunks / indexSeconds);
                Benchmark bench = parts.benchmark(engine, asked);
                engine.warmUp();
                bench.answers(2); // and once more over the questions themselves
                Benchmark.resetPeakHeap();
                Benchmark.Latency retrieval = bench.retrieval(1);
                Benchmark.Latency answers = bench.answers(1);
                Benchmark.Latency answers2 = bench.answers(2);
                System.out.println("  retrieval    " + retrieval);
                System.out.println("  full answer  " + answers);
                System.out.println("  full answer  " + answers2);
                long answerHeap = Benchmark.peakHeapMb();
                System.out.printf("  peak heap %d MB indexing, %d MB answering%n", indexHeap, answerHeap);
                return new Measurement(settings.store().kind(), name, engine.corpus().asList().size(), chunks,
                        copy ? "copy" : "build", indexSeconds, retrieval, answers, answers2, indexHeap, answerHeap,
                        LocalDate.now().toString());
            }
        } finally {
            if (cluster) {
                parts.dropStore(settings);
            }
        }
    }
}
