package dev.newsdesk.index;

import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.ingest.Article;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The one IndexWriter of a serving process, held open while it runs: it keeps the index's write lock,
 * so a second process that tries to write the same index gets a clear error instead of waiting its
 * turn to interleave commits. Each {@link #apply} is one commit with the manifest of exactly what it
 * holds, so a process killed at any moment leaves the last commit whole, and the next start catches up
 * from the folder by content hash.
 */
public final class LiveWriter implements ChunkWriter {

    private final Directory directory;
    private IndexWriter writer;
    private final IndexBuilder builder;
    private final Manifest base;
    private final Map<String, String> hashes;

    private LiveWriter(Directory directory, IndexWriter writer, IndexBuilder builder, Manifest base) {
        this.directory = directory;
        this.writer = writer;
        this.builder = builder;
        this.base = base;
        this.hashes = new HashMap<>(base.fileHashes());
    }

    static LiveWriter open(Path path, IndexBuilder builder, Embedder embedder) {
        Directory directory = null;
        try {
            directory = FSDirectory.open(path);
            Manifest manifest = Manifest.fromUserData(SegmentInfos.readLatestCommit(directory).getUserData());
            if (manifest == null || !manifest.compatibleWith(embedder.id(), embedder.dimension())) {
                throw new NewsdeskException("The index at '" + path + "' was not built by this version of newsdesk;"
                        + " run 'newsdesk index' first.");
            }
            return new LiveWriter(directory, new IndexWriter(directory, builder.config(false)), builder, manifest);
        } catch (LockObtainFailedException e) {
            closeQuietly(directory);
            throw new NewsdeskException("The index at '" + path + "' is locked by another newsdesk process;"
                    + " stop it (a running 'serve'?) or use another --index folder.", e);
        } catch (IOException e) {
            closeQuietly(directory);
            throw new NewsdeskException("Cannot open the index at '" + path + "' for writing: " + e.getMessage()
                    + "; check the folder is writable.", e);
        }
    }

    @Override
    public synchronized Map<String, String> indexed() {
        return Map.copyOf(hashes);
    }

    /** One commit, with the manifest of exactly what it holds. */
    @Override
    public synchronized int apply(Collection<Article> upserts, Collection<String> removed) throws IOException {
        int chunks = 0;
        try {
            for (String file : removed) {
                writer.deleteDocuments(new Term(StoredChunk.FILE, file));
                hashes.remove(file);
            }
            for (Article article : upserts) {
                chunks += builder.writeArticle(writer, article);
                hashes.put(article.file(), article.sha256());
            }
            writer.setLiveCommitData(new Manifest(base.model(), base.dimension(), base.schema(), hashes)
                    .toUserData().entrySet());
            writer.commit();
        } catch (IOException | RuntimeException e) {
            // What was not committed is thrown away (rollback also closes the writer, so open it again),
            // and the manifest goes back to the last commit's: it never claims a file the index lacks.
            writer.rollback();
            writer = new IndexWriter(directory, builder.config(false));
            hashes.clear();
            hashes.putAll(Manifest.fromUserData(SegmentInfos.readLatestCommit(directory).getUserData()).fileHashes());
            throw e;
        }
        return chunks;
    }

    /** Not synchronized: it must reach the embedder while {@link #apply} holds the lock. */
    @Override
    public void stop() {
        builder.embedding().stop();
    }

    @Override
    public synchronized void close() throws IOException {
        try (directory) {
            if (writer.isOpen()) {
                writer.close();
            }
        }
    }

    private static void closeQuietly(Directory directory) {
        try {
            if (directory != null) {
                directory.close();
            }
        } catch (IOException ignored) {
            // already failing with a clearer message
        }
    }
}
