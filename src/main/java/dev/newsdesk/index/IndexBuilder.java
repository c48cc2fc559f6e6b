package dev.newsdesk.index;

import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.Chunker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Brings the on-disk Lucene index in line with the corpus. Only new and changed files (by content
 * hash) are chunked and embedded; removed files' chunks are deleted; a different embedding model or
 * dimension, or an unreadable index, rebuilds from scratch rather than mixing or losing data. A long
 * update commits as it goes ({@link Checkpoints}), each commit's manifest naming only the files whose
 * chunks it holds, so a killed update resumes where it was.
 */
public final class IndexBuilder implements StoreBuilder {

    /** Progress of an update: files done out of files to embed. */
    public interface Progress {
        void update(int done, int total, String file);
    }

    /** What an update did. */
    public record Report(int added, int changed, int removed, int unchanged, boolean rebuilt, int chunks) {

        /** For people: "3 added, 1 changed, 0 removed, 96 unchanged, 12 chunks written". */
        public String describe() {
            return added + " added, " + changed + " changed, " + removed + " removed, " + unchanged + " unchanged"
                    + (rebuilt ? " (full build)" : "") + ", " + chunks + " chunks written";
        }
    }

    /**
     * How often a long update commits what it has done so far (after this many files, or this long since
     * the last commit, whichever comes first), so that an update killed part-way resumes from there.
     */
    public record Checkpoints(int files, Duration every) {
        /** A commit costs a flush and a small segment; every few seconds keeps that well under 1% of a build. */
        public static final Checkpoints DEFAULT = new Checkpoints(200, Duration.ofSeconds(5));
    }

    private final Path path;
    private final ArticleEmbedder embedding;
    private final Embedder embedder;
    private final Consumer<String> log;
    private final Checkpoints checkpoints;
    private final NewsAnalyzer analyzer = new NewsAnalyzer();

    public IndexBuilder(Path path, Chunker chunker, Embedder embedder, Consumer<String> log) {
        this(path, chunker, embedder, log, Checkpoints.DEFAULT);
    }

    public IndexBuilder(Path path, Chunker chunker, Embedder embedder, Consumer<String> log, Checkpoints checkpoints) {
        this.path = path;
        this.embedding = new ArticleEmbedder(chunker, embedder, log);
        this.embedder = embedder;
        this.log = log;
        this.checkpoints = checkpoints;
    }

    @Override
    public boolean isCurrent(List<Article> articles) {
        Manifest manifest = readManifest();
        return manifest != null && manifest.compatibleWith(embedder.id(), embedder.dimension())
                && manifest.fileHashes().equals(Changes.hashes(articles));
    }

    @Override
    public Report update(List<Article> articles, Progress progress) {
        try {
            return write(articles, progress, false);
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
            log.accept("index at " + path + " is damaged (" + e.getMessage() + "): rebuilding from the corpus");
            return rebuild(articles, progress);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /** Throws away the index and builds it again from the corpus. */
    @Override
    public Report rebuild(List<Article> articles, Progress progress) {
        try {
            deleteIndexFiles();
            return write(articles, progress, true);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /**
     * Removes Lucene's files only (a damaged commit would stop even a CREATE writer), never anything
     * else a user keeps in the folder.
     */
    private void deleteIndexFiles() throws IOException {
        if (!Files.isDirectory(path)) {
            return;
        }
        try (Stream<Path> files = Files.list(path)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("segments") || name.startsWith("pending_segments") || name.startsWith("_")) {
                    Files.delete(file);
                }
            }
        }
    }

    private Report write(List<Article> articles, Progress progress, boolean force) throws IOException {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new NewsdeskException("Cannot create index folder '" + path + "': " + e.getMessage()
                    + "; pass --index DIR or set NEWSDESK_INDEX to a writable folder.", e);
        }
        Manifest manifest = force ? null : readManifest();
        boolean rebuild = manifest == null || !manifest.compatibleWith(embedder.id(), embedder.dimension());
        if (manifest != null && rebuild) {
            log.accept("index at " + path + " was built with " + manifest.model() + "/" + manifest.dimension()
                    + " (schema " + manifest.schema() + "), now using " + embedder.id() + "/" + embedder.dimension()
                    + " (schema " + Manifest.SCHEMA + "): rebuilding");
        }
        Map<String, String> old = rebuild ? Map.of() : manifest.fileHashes();
        Changes changes = Changes.between(old, articles);
        List<Article> toEmbed = changes.toEmbed();
        List<String> removed = changes.removed();
        int chunks = 0;
        // What each commit says is indexed: the old state, less what is deleted, plus each file once written.
        Map<String, String> indexed = new HashMap<>(old);
        removed.forEach(indexed::remove);
        try (Directory dir = FSDirectory.open(path);
             IndexWriter writer = new IndexWriter(dir, config(rebuild))) {
            for (String file : removed) {
                writer.deleteDocuments(new Term(StoredChunk.FILE, file));
            }
            long lastCommit = System.nanoTime();
            for (int i = 0; i < toEmbed.size(); i++) {
                Article article = toEmbed.get(i);
                progress.update(i, toEmbed.size(), article.file());
                chunks += writeArticle(writer, article);
                indexed.put(article.file(), article.sha256());
                if ((i + 1) % checkpoints.files() == 0 || System.nanoTime() - lastCommit > checkpoints.every().toNanos()) {
                    commit(writer, indexed);
                    lastCommit = System.nanoTime();
                }
            }
            progress.update(toEmbed.size(), toEmbed.size(), "");
            commit(writer, indexed);
            if (chunks > writer.getDocStats().numDocs / 2) {
                // A bulk load leaves many small segments, and a kNN search walks one HNSW graph per
                // segment: merged into one, a large index answers about as fast as a small one.
                log.accept("merging the index at " + path + " into one segment");
                writer.forceMerge(1);
                commit(writer, indexed);
            }
        } catch (LockObtainFailedException e) {
            throw new NewsdeskException("The index at '" + path + "' is locked by another newsdesk process;"
                    + " stop it (a running 'serve'?) or use another --index folder.", e);
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
            throw e;
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        return changes.report(rebuild, chunks);
    }

    private void commit(IndexWriter writer, Map<String, String> indexed) throws IOException {
        writer.setLiveCommitData(new Manifest(embedder.id(), embedder.dimension(), Manifest.SCHEMA, indexed)
                .toUserData().entrySet());
        writer.commit();
    }

    private NewsdeskException cannotWrite(IOException e) {
        return new NewsdeskException("Cannot write the index at '" + path + "': " + e.getMessage()
                + "; check the folder is writable, or delete it to rebuild.", e);
    }

    IndexWriterConfig config(boolean rebuild) {
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        // CREATE wipes whatever is there: the way out of a corrupt index or a model change.
        config.setOpenMode(rebuild ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND);
        // An update that fails leaves the last checkpoint, whose manifest matches its chunks; closing
        // must not commit chunks written since under that older manifest.
        config.setCommitOnClose(false);
        return config;
    }

    /** Replaces {@code article}'s chunks in {@code writer} (uncommitted); the number of chunks written. */
    int writeArticle(IndexWriter writer, Article article) throws IOException {
        // Chunks of the old version may outnumber the new ones: clear the file, then add by stable id.
        writer.deleteDocuments(new Term(StoredChunk.FILE, article.file()));
        List<EmbeddedChunk> chunks = embedding.embed(article);
        for (EmbeddedChunk chunk : chunks) {
            writer.updateDocument(new Term(StoredChunk.ID, chunk.chunk().id()), StoredChunk.toDocument(chunk));
        }
        return chunks.size();
    }

    ArticleEmbedder embedding() {
        return embedding;
    }

    /** The Lucene writer, which holds the index's write lock while it is open. */
    @Override
    public LiveWriter openLive() {
        return LiveWriter.open(path, this, embedder);
    }

    /** The manifest of the last commit; null when there is no index or it cannot be read. */
    private Manifest readManifest() {
        if (!Files.isDirectory(path)) {
            return null;
        }
        try (Directory dir = FSDirectory.open(path)) {
            return Manifest.fromUserData(SegmentInfos.readLatestCommit(dir).getUserData());
        } catch (IndexNotFoundException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            log.accept("index at " + path + " cannot be read (" + e.getClass().getSimpleName() + "): rebuilding from the corpus");
            return null;
        }
    }
}
