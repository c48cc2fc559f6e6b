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
    private static final String MANIFEST_ID = "chunks";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration MERGE_POLL = Duration.ofMillis(500);

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
    private static Duration writeTimeout(Settings.Store store) {
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
            return current(cluster).filter(m -> m.fileHashes().equals(Changes.hashes(articles))).isPresent();
        }
    }

    /** Adds, replaces and deletes what changed since the last build; a full build when there is none to update. */
    @Override
    public IndexBuilder.Report update(List<Article> articles, IndexBuilder.Progress progress) {
        try (Cluster cluster = Cluster.connect(store, writeTimeout(store))) {
            Optional<Manifest> manifest = current(cluster);
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
            cluster.sendOrMissing("DELETE", "/" + store.prefix() + "-manifest", null);
        }
    }

    /** The manifest, when it describes the index the alias points at and that index is compatible. */
    private Optional<Manifest> current(Cluster cluster) {
        Optional<JsonNode> stored = cluster.sendOrMissing("GET", "/" + manifestIndex() + "/_doc/" + MANIFEST_ID, null);
        if (stored.isEmpty() || !stored.get().path("found").asBoolean()) {
            return Optional.empty();
        }
        JsonNode source = stored.get().path("_source");
        Map<String, String> data = new HashMap<>();
        source.path("manifest").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        Manifest manifest = Manifest.fromUserData(data);
        if (manifest == null || !aliased(cluster).contains(source.path("index").asText())) {
            return Optional.empty();
        }
        if (!manifest.compatibleWith(embedding.embedder().id(), embedding.embedder().dimension())) {
            log.accept(alias(store) + " was built with " + manifest.model() + "/" + manifest.dimension() + " (schema "
                    + manifest.schema() + "), now using " + embedding.embedder().id() + "/" + embedding.embedder().dimension()
                    + " (schema " + Manifest.SCHEMA + "): rebuilding");
            return Optional.empty();
        }
        return Optional.of(manifest);
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
        List<String> old = aliased(cluster);
        List<Object> actions = new ArrayList<>();
        old.forEach(o -> actions.add(object("remove", object("index", o, "alias", alias(store)))));
        actions.add(object("add", object("index", index, "alias", alias(store))));
        cluster.send("POST", "/_aliases", object("actions", actions));
        saveManifest(cluster, index, Changes.hashes(articles));
        log.accept("built " + index + " (" + written + " chunks) and moved " + alias(store) + " to it");
        deleteEarlierBuilds(cluster, index);
        return changes.report(true, written);
    }

    /**
     * Deletes every build but {@code current}: the earlier ones, and any a killed build left behind. A
     * search that found the alias on an earlier build just before it moved may still be reading it, and
     * would fail if it went; each such request ends, or its client gives up, within the store's timeout,
     * so the earlier builds are deleted only that long after the move.
     */
    private void deleteEarlierBuilds(Cluster cluster, String current) {
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

    /**
     * Merges a new build into one segment per shard before questions reach it: a bulk load leaves many
     * segments, and a kNN search walks one HNSW graph per segment (as in the Lucene store). The merge
     * runs as a task, polled (a long wait on a task held by another node ends in a transport timeout).
     */
    private void merge(Cluster cluster, String index) {
        String task = cluster.send("POST", "/" + index + "/_forcemerge?max_num_segments=1&wait_for_completion=false", null)
                .path("task").asText();
        log.accept("merging " + index + " into one segment per shard");
        while (!cluster.send("GET", "/_tasks/" + task, null).path("completed").asBoolean()) {
            try {
                Thread.sleep(MERGE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NewsdeskException("interrupted while " + index + " was being merged; run the build again", e);
            }
        }
    }

    private IndexBuilder.Report updateInPlace(Cluster cluster, Manifest manifest, List<Article> articles,
                                              IndexBuilder.Progress progress) {
        Changes changes = Changes.between(manifest.fileHashes(), articles);
        int chunks = new InPlaceWriter(cluster, this, aliased(cluster).get(0), manifest.fileHashes(), false)
                .apply(changes.toEmbed(), changes.removed(), progress);
        return changes.report(false, chunks);
    }

    /** A writer into the index the alias points at, with its own connection; fails when there is no current build. */
    @Override
    public ChunkWriter openLive() {
        Cluster cluster = Cluster.connect(store, writeTimeout(store));
        Optional<Manifest> manifest = current(cluster);
        if (manifest.isEmpty()) {
            cluster.close();
            throw new NewsdeskException(alias(store) + " was not built by this version of newsdesk; run"
                    + " 'newsdesk index --store opensearch' first.");
        }
        return new InPlaceWriter(cluster, this, aliased(cluster).get(0), manifest.get().fileHashes(), true);
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
        Manifest manifest = new Manifest(embedding.embedder().id(), embedding.embedder().dimension(), Manifest.SCHEMA, hashes);
        if (cluster.sendOrMissing("HEAD", "/" + manifestIndex(), null).isEmpty()) {
            // Not parsed ("enabled": false): file names hold dots, which dynamic mapping would read as paths.
            cluster.create(manifestIndex(), object("settings", object("number_of_shards", 1,
                    "number_of_replicas", store.replicas()), "mappings", object("properties",
                    object("manifest", object("type", "object", "enabled", false), "index", object("type", "keyword")))));
        }
        cluster.send("PUT", "/" + manifestIndex() + "/_doc/" + MANIFEST_ID + "?refresh=true",
                object("index", index, "manifest", manifest.toUserData()));
    }

    /** The indices the alias points at (none before the first build). */
    private List<String> aliased(Cluster cluster) {
        List<String> indices = new ArrayList<>();
        cluster.sendOrMissing("GET", "/_alias/" + alias(store), null).ifPresent(r -> r.fieldNames().forEachRemaining(indices::add));
        return indices;
    }

    /** Every chunks index of the prefix, aliased or not. */
    private static List<String> builds(Cluster cluster, Settings.Store store) {
        List<String> indices = new ArrayList<>();
        cluster.send("GET", "/_cat/indices/" + alias(store) + "-*?format=json&h=index", null)
                .forEach(row -> indices.add(row.path("index").asText()));
        return indices;
    }

    private String manifestIndex() {
        return store.prefix() + "-manifest";
    }
}
