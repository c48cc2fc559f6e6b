package dev.newsdesk.cli;

import dev.newsdesk.answer.Pipeline;
import dev.newsdesk.answer.Scorer;
import dev.newsdesk.answer.ScorerFit;
import dev.newsdesk.config.Settings;
import dev.newsdesk.eval.Benchmark;
import dev.newsdesk.eval.Evaluation;
import dev.newsdesk.index.IndexBuilder;
import dev.newsdesk.index.opensearch.Snapshots;
import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.Chunker;
import dev.newsdesk.read.Reader;
import dev.newsdesk.read.TrainingData;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the commands run, built by the composition root ({@code app.Assembly}) from the settings a command
 * has read: a command parses its options and prints, and never assembles a part itself.
 */
public interface Parts {

    /** The archive of {@code settings}, its index brought up to date with the corpus first. */
    Pipeline start(Settings settings, Consumer<String> log, IndexBuilder.Progress progress);

    /** Builds or refreshes the index without starting the rest. */
    IndexBuilder.Report index(Settings settings, Consumer<String> log, IndexBuilder.Progress progress);

    /** Copies the Lucene index at {@code from} into the cluster store of {@code settings}. */
    IndexBuilder.Report copy(Settings settings, Path from, Consumer<String> log, IndexBuilder.Progress progress);

    /** Snapshots the cluster store of {@code settings} into its snapshot repository. */
    Snapshots.Taken snapshot(Settings settings, Consumer<String> log);

    /** Restores snapshot {@code name} (null: the newest) into the cluster store of {@code settings}; returns the index. */
    String restore(Settings settings, String name, Consumer<String> log);

    /** Deletes the cluster indices of {@code settings} (what a benchmark built). */
    void dropStore(Settings settings);

    /** Chunking as indexing does it, without a corpus's statistics (for making synthetic corpora). */
    Chunker chunker();

    /** The articles of {@code folder}, read as indexing reads them. */
    List<Article> articles(Path folder, Consumer<String> log);

    /** The reader {@code reading} names: the bundled model unless it gives another file. */
    Reader reader(Settings.Reading reading);

    /** The scorer in {@code file} (null: the bundled one fitted with or without the reader). */
    Scorer scorer(Path file, boolean withReader);

    /** A text's terms as the index analyses it. */
    Function<String, List<String>> terms();

    /** Grades answers of {@code pipeline} against labelled questions. */
    Evaluation evaluation(Pipeline pipeline);

    /** Times {@code pipeline}'s retrieval and answers over {@code questions}. */
    Benchmark benchmark(Pipeline pipeline, List<String> questions);

    /** Fits the answerer's scorer ({@code readerRanks}: the reader's findings weigh in ranking sentences too). */
    ScorerFit scorerFit(boolean readerRanks);

    /** Turns SQuAD files into the reader's training arrays, tokenized as serving tokenizes. */
    TrainingData trainingData();

    /**
     * Serves {@code settings} (web, Slack, live ingestion, feeds) until the process ends; returns once it
     * is ready.
     */
    void serve(Settings settings, Consumer<String> log, IndexBuilder.Progress progress);
}
