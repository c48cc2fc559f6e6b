package dev.newsdesk.index.opensearch;

import static dev.newsdesk.index.opensearch.Cluster.object;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsdesk.config.Settings;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.index.ArticleEmbedder;
import dev.newsdesk.index.ChunkIndex;
import dev.newsdesk.index.ChunkWriter;
import dev.newsdesk.index.Changes;
import dev.newsdesk.index.EmbeddedChunk;
import dev.newsdesk.index.IndexBuilder;
import dev.newsdesk.index.Manifest;
import dev.newsdesk.index.StoreBuilder;
import dev.newsdesk.ingest.Article;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Brings the chunks in the cluster in line with the corpus, as {@link IndexBuilder} does for the
 * Lucene index. What the chunks were built from (model, dimension, schema, content hash per file) is
 * the {@link Manifest}, kept in the cluster as one document of {@code <prefix>-manifest}, with the
 * name of the index it describes. A new model, schema or a first build writes a new index
 * {@code <prefix>-chunks-<time>} and then moves the alias {@code <prefix>-chunks} to it in one atomic
 * {@code _aliases} call, so questions are answered from the old chunks until the new ones are all
 * there; the old index is deleted the store's timeout later, when no search under way can still be
 * reading it. Otherwise only new, changed and removed files are written, in place.
 */
public final class OpenSearchIndexer implements StoreBuilder {

    private static final DateTimeFormatter BUILD_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    static final String MANIFEST_ID = "chunks";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

    private final Settings.Store store;
    private final ArticleEmbedder embedding;
    private final Consumer<String> log;

    ArticleEmbedder embedding() {
        return embedding;
    }

    public OpenSearchIndexer(Settings.Store store, ArticleEmbedder embedding, Consumer<String> log) {
        this.store = store;
        this.embedding = embedding;
        this.log = log;
    }

    /**
     * Writes wait longer than questions: a bulk request or an index creation may take seconds on a busy
     * cluster, and a timed-out write is sent again to another node, where it may collide with itself.
     */
    static Duration writeTimeout(Settings.Store store) {
        return store.timeout().compareTo(WRITE_TIMEOUT) > 0 ? store.timeout() : WRITE_TIMEOUT;
    }

    /** The alias questions are answered from. */
    public static String alias(Settings.Store store) {
        return store.prefix() + "-chunks";
    }

    /** True when the chunks behind the alias were built from exactly these articles with this model. */
    @Override
    public boolean isCurrent(List<Article> articles) {
        try (Cluster cluster = Cluster.connect(store, writeTimeout(store))) {
            return current(cluster).filter(m -> m.manifest().fileHashes().equals(Changes.hashes(articles))).isPresent();
        }
    }

    /** Adds, replaces and deletes what changed since the last build; a full build when there is none to update. */
    @Override
    public IndexBuilder.Report update(List<Article> articles, IndexBuilder.Progress progress) {
        try (Cluster cluster = Cluster.connect(store, writeTimeout(store))) {
            Optional<Saved> manifest = current(cluster);
            return manifest.isPresent() ? updateInPlace(cluster, manifest.get(), articles, progress)
                    : build(cluster, articles, progress, embedding::embed);
        }
    }

    /** Builds a new index from the corpus, moves the alias to it, and deletes the earlier build a timeout later. */
    @Override
    public IndexBuilder.Report rebuild(List<Article> articles, IndexBuilder.Progress progress) {
        try (Cluster cluster = Cluster.connect(store, writeTimeout(store))) {
            return build(cluster, articles, progress, embedding::embed);
        }
    }

    /**
     * Builds a new index from the chunks of the Lucene index {@code from}, as they are (nothing embedded
     * again), for the articles whose content it holds; the rest of the corpus is embedded as in a build.
     */
    public IndexBuilder.Report copy(ChunkIndex from, List<Article> articles, IndexBuilder.Progress progress) {
        Manifest source = from.manifest();
        if (source == null || !source.compatibleWith(embedding.embedder().id(), embedding.embedder().dimension())) {
            throw new NewsdeskException("The index to copy was not built by this version of newsdesk with "
                    + embedding.embedder().id() + "; run 'newsdesk index' on it first.");
        }
        try (Cluster cluster = Cluster.connect(store, writeTimeout(store))) {
            return build(cluster, articles, progress, article -> article.sha256().equals(source.fileHashes().get(article.file()))
                    ? from.chunksOf(article.file()).stream().map(c -> EmbeddedChunk.of(c, article.meta())).toList()
                    : embedding.embed(article));
        }
    }

    /** Deletes every chunks index of the store's prefix and its manifest (benchmarks clean up with it). */
    public static void drop(Settings.Store store) {
        try (Cluster cluster = Cluster.connect(store, writeTimeout(store))) {
            for (String index : builds(cluster, store)) {
                cluster.send("DELETE", "/" + index, null);
            }
            cluster.sendOrMissing("DELETE", "/" + manifestIndex(store), null);
        }
    }

    /** The manifest as saved, and the version of its document: a writer saves over that version only. */
    record Saved(Manifest manifest, Version version) {
    }

    /** A document's version, for optimistic concurrency ({@code if_seq_no}, {@code if_primary_term}). */
    record Version(long seqNo, long primaryTerm) {
        static Version of(JsonNode written) {
            return new Version(written.path("_seq_no").asLong(), written.path("_primary_term").asLong());
        }

        String condition() {
            return "if_seq_no=" + seqNo + "&if_primary_term=" + primaryTerm;
        }
    }

    /** The manifest, when it describes the index the alias points at and that index is compatible. */
    private Optional<Saved> current(Cluster cluster) {
        Optional<JsonNode> stored = cluster.sendOrMissing("GET", "/" + manifestIndex() + "/_doc/" + MANIFEST_ID, null);
        if (stored.isEmpty() || !stored.get().path("found").asBoolean()) {
            return Optional.empty();
        }
        JsonNode source = stored.get().path("_source");
        Map<String, String> data = new HashMap<>();
        source.path("manifest").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        Manifest manifest = Manifest.fromUserData(data);
        if (manifest == null || !aliased(cluster, store).contains(source.path("index").asText())) {
            return Optional.empty();
        }
        if (!manifest.compatibleWith(embedding.embedder().id(), embedding.embedder().dimension())) {
            log.accept(alias(store) + " was built with " + manifest.model() + "/" + manifest.dimension() + " (schema "
                    + manifest.schema() + "), now using " + embedding.embedder().id() + "/" + embedding.embedder().dimension()
                    + " (schema " + Manifest.SCHEMA + "): rebuilding");
            return Optional.empty();
        }
        return Optional.of(new Saved(manifest, Version.of(stored.get())));
    }

    /** A new index of {@code articles}, each article's chunks from {@code chunks}, then the alias moved to it. */
    private IndexBuilder.Report build(Cluster cluster, List<Article> articles, IndexBuilder.Progress progress,
                                      Function<Article, List<EmbeddedChunk>> chunks) {
        String index = alias(store) + "-" + LocalDateTime.now(ZoneOffset.UTC).format(BUILD_TIME);
        cluster.create(index, ChunkDocuments.indexBody(store.shards(), store.replicas(),
                embedding.embedder().dimension()));
        Changes changes = Changes.between(Map.of(), articles);
        int written = write(cluster, index, changes.toEmbed(), progress, chunks);
        cluster.send("POST", "/" + index + "/_refresh", null);
        merge(cluster, index);
        moveAlias(cluster, store, index);
        saveManifest(cluster, index, Changes.hashes(articles));
        log.accept("built " + index + " (" + written + " chunks) and moved " + alias(store) + " to it");
        deleteEarlierBuilds(cluster, store, index, log);
        return changes.report(true, written);
    }

    /**
     * Deletes every build but {@code current}: the earlier ones, and any a killed build left behind. A
     * search that found the alias on an earlier build just before it moved may still be reading it, and
     * would fail if it went; each such request ends, or its client gives up, within the store's timeout,
     * so the earlier builds are deleted only that long after the move.
     */
    static void deleteEarlierBuilds(Cluster cluster, Settings.Store store, String current, Consumer<String> log) {
        List<String> earlier = builds(cluster, store).stream().filter(b -> !b.equals(current)).toList();
        if (earlier.isEmpty()) {
            return;
        }
        log.accept("deleting " + earlier + " in " + store.timeout().toSeconds() + " s, when the searches under way on"
                + " them have ended");
        try {
            Thread.sleep(store.timeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.accept("interrupted: " + earlier + " kept until the next build");
            return;
        }
        for (String build : earlier) {
            cluster.send("DELETE", "/" + build, null);
        }
    }

    /** Points the alias at {@code index} alone, in one atomic {@code _aliases} call. */
    static void moveAlias(Cluster cluster, Settings.Store store, String index) {
        List<Object> actions = new ArrayList<>();
        aliased(cluster, store).forEach(o -> actions.add(object("remove", object("index", o, "alias", alias(store)))));
        actions.add(object("add", object("index", index, "alias", alias(store))));
        cluster.send("POST", "/_aliases", object("actions", actions));
    }

    /**
     * Merges a new build into one segment per shard before questions reach it: a bulk load leaves many
     * segments, and a kNN search walks one HNSW graph per segment (as in the Lucene store). The merge
     * runs as a task, polled (a long wait on a task held by another node ends in a transport timeout).
     */
    private void merge(Cluster cluster, String index) {
        String task = cluster.send("POST", "/" + index + "/_forcemerge?max_num_segments=1&wait_for_completion=false", null)
                .path("task").asText();
        log.accept("merging " + index + " into one segment per shard");
        Cluster.await(() -> cluster.send("GET", "/_tasks/" + task, null).path("completed").asBoolean(),
                index + " was being merged (run the build again)");
    }

    private IndexBuilder.Report updateInPlace(Cluster cluster, Saved saved, List<Article> articles,
                                              IndexBuilder.Progress progress) {
        Changes changes = Changes.between(saved.manifest().fileHashes(), articles);
        int chunks = new InPlaceWriter(cluster, this, aliased(cluster, store).get(0), saved)
                .apply(changes.toEmbed(), changes.removed(), progress);
        return changes.report(false, chunks);
    }

    /**
     * The writer of a serving process, with its own connection: it writes while the process holds the
     * writer lease ({@link #lease}). Fails when there is no current build.
     */
    @Override
    public LeasedWriter openLive() {
        Cluster cluster = Cluster.connect(store, writeTimeout(store));
        if (current(cluster).isEmpty()) {
            cluster.close();
            throw new NewsdeskException(alias(store) + " was not built by this version of newsdesk; run"
                    + " 'newsdesk index --store opensearch' first.");
        }
        return new LeasedWriter(this, cluster);
    }

    /** The election of the writer among the serving processes, for {@code writer}; {@code url} is where this one serves. */
    public WriterLease lease(LeasedWriter writer, String url, Consumer<String> log) {
        return new WriterLease(writer.cluster(), manifestIndex(), url, store.writerLease(), writer, log);
    }

    /** A writer into the index the alias points at now, from the manifest as it is now. */
    InPlaceWriter openInPlace(Cluster cluster) {
        Saved saved = current(cluster).orElseThrow(() -> new NewsdeskException(alias(store)
                + " has no current build to write into; run 'newsdesk index --store opensearch'."));
        return new InPlaceWriter(cluster, this, aliased(cluster, store).get(0), saved);
    }

    /** The content hash of each file the current build holds, as its manifest says (empty: none). */
    Map<String, String> savedHashes(Cluster cluster) {
        return current(cluster).map(saved -> saved.manifest().fileHashes()).orElse(Map.of());
    }

    /** Embeds {@code articles} and bulk-indexes their chunks into {@code index}; how many were written. */
    int write(Cluster cluster, String index, List<Article> articles, IndexBuilder.Progress progress) {
        return write(cluster, index, articles, progress, embedding::embed);
    }

    private int write(Cluster cluster, String index, List<Article> articles, IndexBuilder.Progress progress,
                      Function<Article, List<EmbeddedChunk>> source) {
        Bulk bulk = new Bulk(cluster, index);
        int chunks = 0;
        for (int i = 0; i < articles.size(); i++) {
            progress.update(i, articles.size(), articles.get(i).file());
            for (EmbeddedChunk chunk : source.apply(articles.get(i))) {
                bulk.add(chunk);
                chunks++;
            }
        }
        bulk.flush();
        progress.update(articles.size(), articles.size(), "");
        return chunks;
    }

    void saveManifest(Cluster cluster, String index, Map<String, String> hashes) {
        storeManifest(cluster, store, index, manifest(hashes).toUserData(), null);
    }

    /**
     * Saves the manifest of {@code index} over {@code version} only, and returns the new version: when
     * another process saved it since (a writer that took over), this one learns it no longer writes.
     */
    Version saveManifest(Cluster cluster, String index, Map<String, String> hashes, Version version) {
        return storeManifest(cluster, store, index, manifest(hashes).toUserData(), version);
    }

    private Manifest manifest(Map<String, String> hashes) {
        return new Manifest(embedding.embedder().id(), embedding.embedder().dimension(), Manifest.SCHEMA, hashes);
    }

    /**
     * Records that the chunks of {@code index} were built as {@code manifest} (a {@link Manifest}'s user
     * data) says; over {@code version} only, unless it is null. Returns the version written.
     */
    static Version storeManifest(Cluster cluster, Settings.Store store, String index, Map<String, String> manifest,
                                 Version version) {
        if (cluster.sendOrMissing("HEAD", "/" + manifestIndex(store), null).isEmpty()) {
            // Not parsed ("enabled": false): file names hold dots, which dynamic mapping would read as paths.
            cluster.create(manifestIndex(store), object("settings", object("number_of_shards", 1,
                    "number_of_replicas", store.replicas()), "mappings", object("properties",
                    object("manifest", object("type", "object", "enabled", false), "index", object("type", "keyword")))));
        }
        String endpoint = "/" + manifestIndex(store) + "/_doc/" + MANIFEST_ID;
        Cluster.Reply reply = cluster.exchange("PUT", endpoint + "?refresh=true"
                + (version == null ? "" : "&" + version.condition()), object("index", index, "manifest", manifest));
        if (reply.status() == 409) {
            throw new NewsdeskException("Another process saved " + manifestIndex(store) + " since this one read it:"
                    + " it writes the archive now, and this process no longer does.");
        }
        if (reply.status() >= 300) {
            throw reply.failure(cluster.where(), endpoint);
        }
        return Version.of(reply.json());
    }

    /** The indices the alias points at (none before the first build). */
    static List<String> aliased(Cluster cluster, Settings.Store store) {
        List<String> indices = new ArrayList<>();
        cluster.sendOrMissing("GET", "/_alias/" + alias(store), null).ifPresent(r -> r.fieldNames().forEachRemaining(indices::add));
        return indices;
    }

    /** Every chunks index of the prefix, aliased or not. */
    static List<String> builds(Cluster cluster, Settings.Store store) {
        List<String> indices = new ArrayList<>();
        cluster.send("GET", "/_cat/indices/" + alias(store) + "-*?format=json&h=index", null)
                .forEach(row -> indices.add(row.path("index").asText()));
        return indices;
    }

    private String manifestIndex() {
        return manifestIndex(store);
    }

    static String manifestIndex(Settings.Store store) {
        return store.prefix() + "-manifest";
    }
}
