package dev.newsdesk.index.opensearch;

import static dev.newsdesk.index.opensearch.Cluster.object;

import dev.newsdesk.index.ChunkWriter;
import dev.newsdesk.index.IndexBuilder;
import dev.newsdesk.ingest.Article;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes changed files into the index the alias points at: their old chunks deleted, the new ones
 * bulk-indexed, the index refreshed, then the manifest saved. Killed in between, the manifest still
 * holds the old hashes, so the next update writes those files again (chunk ids are stable, so this
 * replaces rather than duplicates). Used by updates and, while it holds the writer lease, by a serving
 * process ({@link LeasedWriter}).
 */
final class InPlaceWriter implements ChunkWriter {

    private final Cluster cluster;
    private final OpenSearchIndexer indexer;
    private final String index;
    private final Map<String, String> hashes;
    /** The manifest's version this writer last saw: it saves over that one only (see {@link OpenSearchIndexer#saveManifest}). */
    private OpenSearchIndexer.Version version;

    InPlaceWriter(Cluster cluster, OpenSearchIndexer indexer, String index, OpenSearchIndexer.Saved saved) {
        this.cluster = cluster;
        this.indexer = indexer;
        this.index = index;
        this.hashes = new HashMap<>(saved.manifest().fileHashes());
        this.version = saved.version();
    }

    @Override
    public synchronized Map<String, String> indexed() {
        return Map.copyOf(hashes);
    }

    @Override
    public int apply(Collection<Article> upserts, Collection<String> removed) {
        return apply(upserts, removed, (done, total, file) -> { });
    }

    synchronized int apply(Collection<Article> upserts, Collection<String> removed, IndexBuilder.Progress progress) {
        List<String> stale = Stream.concat(removed.stream(),
                upserts.stream().map(Article::file).filter(hashes::containsKey)).toList();
        if (!stale.isEmpty()) {
            // A changed article may now have fewer chunks: its old ones go first, as in the Lucene index.
            cluster.send("POST", "/" + index + "/_delete_by_query?refresh=true&conflicts=proceed",
                    object("query", object("terms", object(ChunkDocuments.FILE, stale))));
        }
        int chunks = indexer.write(cluster, index, List.copyOf(upserts), progress);
        cluster.send("POST", "/" + index + "/_refresh", null);
        removed.forEach(hashes::remove);
        upserts.forEach(a -> hashes.put(a.file(), a.sha256()));
        version = indexer.saveManifest(cluster, index, hashes, version);
        return chunks;
    }

    @Override
    public void stop() {
        indexer.embedding().stop();
    }

    /** The connection is its opener's. */
    @Override
    public void close() {
    }
}
