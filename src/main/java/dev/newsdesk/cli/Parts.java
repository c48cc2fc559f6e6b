package dev.newsdesk.cli;

import dev.newsdesk.answer.Pipeline;
import dev.newsdesk.config.Settings;
import dev.newsdesk.index.IndexBuilder;
import dev.newsdesk.ingest.Chunker;
import java.nio.file.Path;
import java.util.function.Consumer;

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

    /** Deletes the cluster indices of {@code settings} (what a benchmark built). */
    void dropStore(Settings settings);

    /** Chunking as indexing does it, without a corpus's statistics (for making synthetic corpora). */
    Chunker chunker();

    /**
     * Serves {@code settings} (web, Slack, live ingestion, feeds) until the process ends; returns once it
     * is ready.
     */
    void serve(Settings settings, Consumer<String> log, IndexBuilder.Progress progress);
}
