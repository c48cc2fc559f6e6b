package dev.newsdesk.index.opensearch;

import dev.newsdesk.index.ChunkWriter;
import dev.newsdesk.ingest.Article;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The writer of a {@code serve} process on the cluster store: it writes while the process holds the
 * {@link WriterLease}, and otherwise leaves writing to the process that does, so that every replica can
 * follow the corpus folder (its own catalogue stays current) while only one indexes it. On taking the
 * lease it opens a writer on the manifest as it is then, so the articles a writer killed mid-batch left
 * unsaved are written again (chunk ids are stable: nothing is indexed twice).
 */
public final class LeasedWriter implements ChunkWriter, WriterLease.Listener {

    private final OpenSearchIndexer indexer;
    private final Cluster cluster;
    private WriterLease lease;
    private Runnable onLead = () -> { };
    private InPlaceWriter writer;

    LeasedWriter(OpenSearchIndexer indexer, Cluster cluster) {
        this.indexer = indexer;
        this.cluster = cluster;
    }

    Cluster cluster() {
        return cluster;
    }

    /** Takes part in the election through {@code lease}; {@code onLead} runs each time this process becomes the writer. */
    public void start(WriterLease lease, Runnable onLead) {
        synchronized (this) {
            this.lease = lease;
            this.onLead = onLead;
        }
        lease.start();
    }

    @Override
    public void lead() {
        synchronized (this) {
            writer = indexer.openInPlace(cluster);
        }
        onLead.run();
    }

    @Override
    public void follow() {
        InPlaceWriter was;
        synchronized (this) {
            was = writer;
            writer = null;
        }
        if (was != null) {
            was.stop();
            was.close();
        }
    }

    /** While following: what the writer has saved, so that this process's catalogue follows the folder. */
    @Override
    public Map<String, String> indexed() {
        InPlaceWriter current = current();
        return current != null ? current.indexed() : indexer.savedHashes(cluster);
    }

    /** Writes while this process is the writer; otherwise nothing (the writer indexes the same folder). */
    @Override
    public int apply(Collection<Article> upserts, Collection<String> removed) {
        InPlaceWriter current = current();
        return current == null ? 0 : current.apply(upserts, removed);
    }

    @Override
    public boolean writes() {
        return current() != null;
    }

    @Override
    public Optional<String> writerElsewhere() {
        WriterLease elected;
        synchronized (this) {
            elected = lease;
        }
        return elected == null ? Optional.empty() : elected.writerElsewhere();
    }

    private synchronized InPlaceWriter current() {
        return writer;
    }

    @Override
    public void stop() {
        InPlaceWriter current = current();
        if (current != null) {
            current.stop();
        }
    }

    /** Hands the lease back first, so that another process takes over at its next heartbeat. */
    @Override
    public void close() {
        WriterLease elected;
        synchronized (this) {
            elected = lease;
        }
        if (elected != null) {
            elected.close();
        }
        follow();
        cluster.close();
    }
}
