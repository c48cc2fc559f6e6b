package dev.newsdesk.answer;

import dev.newsdesk.config.Settings;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.ingest.Corpus;
import dev.newsdesk.retrieve.Retriever;
import java.io.Closeable;

/**
 * The archive as it is served, once assembled (by the composition root, {@code app.Engine}): what the front
 * ends, the evaluation and the commands use. They never build a part of it themselves.
 */
public interface Pipeline extends Served, Closeable {

    Settings settings();

    /** The articles, as read from the corpus folder. */
    Corpus corpus();

    /** The chunks, searched; counts per file for listings. */
    ChunkStore index();

    /** Retrieval on its own, for benchmarks and fitting. */
    Retriever retriever();

    /** The offline answerer, whichever answerer {@link #answers()} uses: fitting describes questions with it. */
    ExtractiveAnswerer extractive();

    /** Milliseconds spent reading since start (0 without a reader): what share of answering reading is. */
    double readingMillis();

    /** Compiles the hot paths before real questions arrive. */
    void warmUp();
}
