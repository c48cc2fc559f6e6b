package dev.newsdesk.index;

import dev.newsdesk.ingest.Article;
import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The writer of a serving process, one batch of changed files at a time ({@link LiveWriter} for
 * Lucene, a cluster's in {@code OpenSearchIndexer}). Its manifest never claims a file the store lacks.
 */
public interface ChunkWriter extends Closeable {

    /** The content hash of each file the store holds. */
    Map<String, String> indexed();

    /** Replaces the chunks of {@code upserts}, deletes those of {@code removed}, and saves; the chunks written. */
    int apply(Collection<Article> upserts, Collection<String> removed) throws IOException;

    /**
     * Makes the {@link #apply} under way give up soon (its batch is not saved) and every later one fail
     * at once: for a prompt shutdown. May be called from any thread.
     */
    void stop();

    /** False while another process writes the store and this one only follows it (a cluster replica). */
    default boolean writes() {
        return true;
    }

    /** Where the process that writes is, when it is another one that said where. */
    default Optional<String> writerElsewhere() {
        return Optional.empty();
    }
}
