package dev.newsdesk.index;

import dev.newsdesk.ingest.Article;
import java.util.List;

/** Brings a chunk store in line with the corpus: {@link IndexBuilder} for Lucene, {@code OpenSearchIndexer} for a cluster. */
public interface StoreBuilder {

    /** True when the store was built from exactly these articles with this model. */
    boolean isCurrent(List<Article> articles);

    /** Adds, replaces and deletes what changed since the last build. */
    IndexBuilder.Report update(List<Article> articles, IndexBuilder.Progress progress);

    /** Builds the store again from the corpus. */
    IndexBuilder.Report rebuild(List<Article> articles, IndexBuilder.Progress progress);

    /** Opens the long-lived writer of a serving process, for updates one batch at a time. */
    ChunkWriter openLive();
}
