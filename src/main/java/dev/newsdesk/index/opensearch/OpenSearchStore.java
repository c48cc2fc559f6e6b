package dev.newsdesk.index.opensearch;

import static dev.newsdesk.index.opensearch.Cluster.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.newsdesk.config.Settings;
import dev.newsdesk.index.ArticleFilter;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.index.NewsAnalyzer;
import dev.newsdesk.index.StoredChunk;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The chunks in an OpenSearch cluster, behind the alias {@code <prefix>-chunks}. Questions are analysed
 * here with {@link NewsAnalyzer}, as the Lucene store does, and the cluster's "news" analyzer produces
 * the same terms (chunks-index.json), so term queries and statistics mean the same on both stores.
 * BM25 runs as dfs_query_then_fetch, so its statistics are the whole index's, not one shard's, and its
 * scores are those of the single Lucene index. Thread-safe.
 */
public final class OpenSearchStore implements ChunkStore {

    /** Another process may write the cluster: statistics are trusted this long, or until {@link #refresh}. */
    private static final Duration STATISTICS_TTL = Duration.ofSeconds(30);
    /** Prefix lookups look at this many candidate terms per shard, so the most frequent is not missed. */
    private static final int PREFIX_CANDIDATES = 1000;
    /** What a reply is cut down to: hits' ids, scores, fields and sources, aggregations, and failed shards. */
    private static final String REPLY_FIELDS = "hits.hits._id,hits.hits._score,hits.hits.fields,hits.hits._source,"
            + "aggregations,_shards.failed,_shards.failures";
    /** Document frequencies looked up per request: bounded, as a request's size is. */
    private static final int TERMS_PER_REQUEST = 500;

    private final Cluster cluster;
    private final String alias;
    private final NewsAnalyzer analyzer = new NewsAnalyzer();
    private final Cache<String, Integer> docFreqs = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(STATISTICS_TTL).build();
    private final Cache<String, Optional<String>> nearest = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(STATISTICS_TTL).build();
    private final Cache<String, Integer> shards = Caffeine.newBuilder().expireAfterWrite(STATISTICS_TTL).build();
    private final Cache<String, Integer> counts = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(STATISTICS_TTL).build();

    /** Daemon threads, so that a store left open does not keep the process alive. */
    private final ExecutorService searches = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "opensearch-search");
        thread.setDaemon(true);
        return thread;
    });

    private OpenSearchStore(Cluster cluster, String alias) {
        this.cluster = cluster;
        this.alias = alias;
    }

    /** Connects to the cluster of {@code store} and checks that its chunks index exists. */
    public static OpenSearchStore open(Settings.Store store) {
        Cluster cluster = Cluster.connect(store);
        try {
            OpenSearchStore chunks = new OpenSearchStore(cluster, OpenSearchIndexer.alias(store));
            chunks.chunkCount();
            return chunks;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    @Override
    public List<Hit> anyOf(Collection<String> terms, int k, ArticleFilter filter) {
        if (terms.isEmpty()) {
            return List.of();
        }
        return hits(search(true, object("size", k, "_source", false, "docvalue_fields", List.of(ChunkDocuments.FILE),
                "query", ChunkDocuments.anyOf(terms, filter))));
    }

    /** HNSW (the k-NN plugin's Lucene engine) with the filter applied during the search, as the Lucene store does. */
    @Override
    public List<Hit> knn(float[] vector, int k, ArticleFilter filter) {
        Map<String, Object> knn = object("vector", vector, "k", k);
        List<Object> clauses = ChunkDocuments.filterClauses(filter);
        if (!clauses.isEmpty()) {
            knn.put("filter", object("bool", object("filter", clauses)));
        }
        return hits(search(false, object("size", k, "_source", false, "docvalue_fields", List.of(ChunkDocuments.FILE),
                "query", object("knn", object(ChunkDocuments.VECTOR, knn)))));
    }

    @Override
    public List<StoredChunk> byIds(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        JsonNode reply = search(false, object("size", ids.size(), "_source", ChunkDocuments.STORED,
                "query", object("ids", object("values", ids))));
        Map<String, StoredChunk> found = new HashMap<>();
        reply.path("hits").path("hits").forEach(hit ->
                found.put(hit.path("_id").asText(), ChunkDocuments.fromDocument(hit.path("_id").asText(), hit.path("_source"))));
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    @Override
    public List<String> terms(String text) {
        return analyzer.terms(text);
    }

    @Override
    public int docFreq(String term) {
        return docFreqs.get(term, t -> count(object("term", object(ChunkDocuments.TERMS, t))));
    }

    /** The terms not yet cached, counted in one search: a filters aggregation of one bucket per term. */
    @Override
    public Map<String, Integer> docFreqs(Collection<String> terms) {
        Map<String, Integer> freqs = new HashMap<>(docFreqs.getAllPresent(terms));
        List<String> missing = terms.stream().filter(t -> !freqs.containsKey(t)).distinct().toList();
        for (int from = 0; from < missing.size(); from += TERMS_PER_REQUEST) {
            Map<String, Object> filters = object();
            missing.subList(from, Math.min(missing.size(), from + TERMS_PER_REQUEST))
                    .forEach(t -> filters.put(t, object("term", object(ChunkDocuments.TERMS, t))));
            JsonNode buckets = search(false, object("size", 0,
                    "aggs", object("df", object("filters", object("filters", filters)))))
                    .path("aggregations").path("df").path("buckets");
            buckets.fields().forEachRemaining(b -> freqs.put(b.getKey(), b.getValue().path("doc_count").asInt()));
        }
        missing.forEach(t -> docFreqs.put(t, freqs.get(t)));
        return freqs;
    }

    /** Kept as long as term statistics are: each lookup is an aggregation over the index. */
    @Override
    public Optional<String> nearestKnown(String term) {
        return nearest.get(term, this::mostFrequentUnder);
    }

    /** The most frequent indexed term under the prefix, by a terms aggregation over the chunks' keyword terms. */
    private Optional<String> mostFrequentUnder(String term) {
        return ChunkStore.knownPrefix(term).flatMap(prefix -> {
            JsonNode reply = search(false, object("size", 0,
                    "query", object("prefix", object(ChunkDocuments.TERMS, prefix)),
                    "aggs", object("known", object("terms", object("field", ChunkDocuments.TERMS,
                            "include", quote(prefix) + ".*", "size", 1, "shard_size", PREFIX_CANDIDATES,
                            // Few chunks match, and the default (global ordinals) fails with an index out of
                            // bounds on a shard that holds no term under the prefix (OpenSearch 2.19).
                            "execution_hint", "map",
                            // Ties go to the first term in order, as the Lucene store's scan does.
                            "order", List.of(object("_count", "desc"), object("_key", "asc")))))));
            JsonNode buckets = reply.path("aggregations").path("known").path("buckets");
            return buckets.isEmpty() ? Optional.empty() : Optional.of(buckets.get(0).path("key").asText());
        });
    }

    /** {@code prefix} as a literal in the regular expression syntax of terms aggregations. */
    private static String quote(String prefix) {
        StringBuilder quoted = new StringBuilder();
        prefix.codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c)) {
                quoted.append('\\');
            }
            quoted.appendCodePoint(c);
        });
        return quoted.toString();
    }

    @Override
    public int chunkCount() {
        return counts.get("", f -> count(object("match_all", object())));
    }

    @Override
    public int chunkCount(String file) {
        return counts.get(file, f -> count(object("term", object(ChunkDocuments.FILE, f))));
    }

    /** Makes what was indexed searchable and forgets the statistics read before. */
    @Override
    public void refresh() {
        cluster.send("POST", "/" + alias + "/_refresh", null);
        docFreqs.invalidateAll();
        counts.invalidateAll();
        shards.invalidateAll();
        nearest.invalidateAll();
    }

    /** Why the cluster cannot answer questions now (unreachable, or the chunks' shards not all there); empty when it can. */
    @Override
    public Optional<String> unavailable() {
        try {
            JsonNode health = cluster.send("GET", "/_cluster/health/" + alias + "?timeout=1s", null);
            return "red".equals(health.path("status").asText())
                    ? Optional.of("OpenSearch index " + alias + " is red: some of its shards have no copy on a live node")
                    : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage());
        }
    }

    private int count(Map<String, Object> query) {
        return cluster.read("/" + alias + "/_count", object("query", query)).path("count").asInt();
    }

    /**
     * A search of the chunks, replying with what this class reads only. BM25 scores ({@code scored})
     * need the whole index's term statistics, gathered first (dfs) when the index has several shards.
     */
    private JsonNode search(boolean scored, Map<String, Object> body) {
        String type = scored && shards.get(alias, a -> shardCount()) > 1 ? "dfs_query_then_fetch" : "query_then_fetch";
        body.put("track_total_hits", false);
        return cluster.read("/" + alias + "/_search?search_type=" + type + "&filter_path=" + REPLY_FIELDS, body);
    }

    private int shardCount() {
        JsonNode settings = cluster.send("GET", "/" + alias + "/_settings/index.number_of_shards", null);
        return settings.elements().next().path("settings").path("index").path("number_of_shards").asInt();
    }

    private static List<Hit> hits(JsonNode reply) {
        List<Hit> hits = new ArrayList<>();
        for (JsonNode hit : reply.path("hits").path("hits")) {
            hits.add(new Hit(hit.path("_id").asText(), hit.path("fields").path(ChunkDocuments.FILE).get(0).asText(),
                    (float) hit.path("_score").asDouble()));
        }
        return hits;
    }

    /** BM25 and kNN go to the cluster at once: the question waits for the slower round trip, not both. */
    @Override
    public Executor searches() {
        return searches;
    }

    @Override
    public void close() throws IOException {
        searches.shutdown();
        try (cluster) {
            analyzer.close();
        }
    }
}
