package dev.newsdesk.app;

import dev.newsdesk.answer.CitationVerifier;
import dev.newsdesk.answer.Pipeline;
import dev.newsdesk.answer.Scorer;
import dev.newsdesk.answer.ScorerFit;
import dev.newsdesk.cli.Parts;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import dev.newsdesk.eval.Benchmark;
import dev.newsdesk.eval.Evaluation;
import dev.newsdesk.index.IndexBuilder;
import dev.newsdesk.index.NewsAnalyzer;
import dev.newsdesk.index.opensearch.OpenSearchIndexer;
import dev.newsdesk.index.opensearch.Snapshots;
import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.Chunker;
import dev.newsdesk.ingest.CorpusLoader;
import dev.newsdesk.ingest.SentenceSplitter;
import dev.newsdesk.read.Reader;
import dev.newsdesk.read.ReaderTokenizer;
import dev.newsdesk.read.TrainingData;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** The parts the commands run, each built here from the settings the command read. */
final class Assembly implements Parts {

    @Override
    public Pipeline start(Settings settings, Consumer<String> log, IndexBuilder.Progress progress) {
        return Engine.start(settings, log, progress);
    }

    @Override
    public IndexBuilder.Report index(Settings settings, Consumer<String> log, IndexBuilder.Progress progress) {
        return Engine.index(settings, log, progress);
    }

    @Override
    public IndexBuilder.Report copy(Settings settings, Path from, Consumer<String> log, IndexBuilder.Progress progress) {
        return Engine.copy(settings, from, log, progress);
    }

    @Override
    public Snapshots.Taken snapshot(Settings settings, Consumer<String> log) {
        return Snapshots.take(clusterStore(settings), log);
    }

    @Override
    public String restore(Settings settings, String name, Consumer<String> log) {
        return Snapshots.restore(clusterStore(settings), name, log);
    }

    /** Snapshots are the cluster's; a Lucene index is backed up as the folder it is. */
    private static Settings.Store clusterStore(Settings settings) {
        if (!settings.store().openSearch()) {
            throw new NewsdeskException("Snapshots are of the OpenSearch store: add --store opensearch (or set"
                    + " NEWSDESK_STORE=opensearch). To back up the Lucene index, copy its folder (" + settings.index()
                    + ") while no newsdesk process writes to it.");
        }
        return settings.store();
    }

    @Override
    public void dropStore(Settings settings) {
        if (settings.store().openSearch()) {
            OpenSearchIndexer.drop(settings.store());
        }
    }

    @Override
    public Chunker chunker() {
        return Engine.plainChunker();
    }

    @Override
    public List<Article> articles(Path folder, Consumer<String> log) {
        return new CorpusLoader(log).load(folder);
    }

    @Override
    public Reader reader(Settings.Reading reading) {
        return Engine.reader(reading);
    }

    @Override
    public Scorer scorer(Path file, boolean withReader) {
        return Engine.scorer(file, withReader);
    }

    @Override
    public Function<String, List<String>> terms() {
        return text -> {
            try (NewsAnalyzer analyzer = new NewsAnalyzer()) {
                return analyzer.terms(text);
            }
        };
    }

    @Override
    public Evaluation evaluation(Pipeline pipeline) {
        return new Evaluation(pipeline.answers(), new CitationVerifier(pipeline.corpus()));
    }

    @Override
    public Benchmark benchmark(Pipeline pipeline, List<String> questions) {
        return new Benchmark(pipeline, questions);
    }

    @Override
    public ScorerFit scorerFit(boolean readerRanks) {
        return new ScorerFit(readerRanks);
    }

    @Override
    public TrainingData trainingData() {
        return new TrainingData(ReaderTokenizer.bundled(), new SentenceSplitter());
    }

    @Override
    public void serve(Settings settings, Consumer<String> log, IndexBuilder.Progress progress) {
        Server.start(settings, log, progress);
    }
}
