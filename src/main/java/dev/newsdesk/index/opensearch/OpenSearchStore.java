package dev.newsdesk.index.opensearch;

import static dev.newsdesk.index.opensearch.Cluster.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
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
    /** What a reply is cut down to: hits' ids, scores and sources, aggregations, and failed shards. */
    private static final String REPLY_FIELDS = "hits.hits._id,hits.hits._score,hits.hits._source,"
            + "aggregations,_shards.failed,_shards.failures";
    /** Document frequencies looked up per request: bounded, as a request's size is. */
    private static final int TERMS_PER_REQUEST = 500;
    /**
     * How long the chunks a search loaded are kept for the {@link #byIds} that follows it: a question's
     * retrieval and answering take milliseconds, and a copy older than this is read again.
     */
    private static final Duration RECENT_CHUNKS_TTL = Duration.ofSeconds(5);
    /**
     * The most terms kept in memory with their document frequencies (about 100 bytes each); the terms of a
     * larger vocabulary past this many, in term order, are looked up in the cluster.
     */
    private static final int VOCABULARY_TERMS = 300_000;
    private static final String ALL = "";
    /** Chunks kept from recent searches: 16 questions at once load about 500. */
    private static final int RECENT_CHUNKS = 2_000;

    private final Cluster cluster;
    private final String alias;
    private final NewsAnalyzer analyzer = new NewsAnalyzer();
    private final Cache<String, Integer> docFreqs = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(STATISTICS_TTL).build();
    private final Cache<String, Optional<String>> nearest = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(STATISTICS_TTL).build();
    /**
     * The shard count and the chunk counts are read again in the background once they are older than the
     * statistics' TTL, so that no question waits for them (the old figure answers meanwhile).
     */
    private final LoadingCache<String, Integer> shards;
    private final LoadingCache<String, Integer> counts;
    /** Read again in the background as the counts are; after this process writes, lookups go to the cluster until then. */
    private final LoadingCache<String, Vocabulary> vocabulary;
    private final Cache<String, StoredChunk> recent = Caffeine.newBuilder().maximumSize(RECENT_CHUNKS)
            .expireAfterWrite(RECENT_CHUNKS_TTL).build();

    /** Daemon threads, so that a store left open does not keep the process alive. */
    private final ExecutorService searches = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "opensearch-search");
        thread.setDaemon(true);
        return thread;
    });

    private OpenSearchStore(Cluster cluster, String alias) {
        this.cluster = cluster;
        this.alias = alias;
        this.shards = Caffeine.newBuilder().refreshAfterWrite(STATISTICS_TTL).executor(searches)
                .build(a -> shardCount());
        this.counts = Caffeine.newBuilder().maximumSize(10_000).refreshAfterWrite(STATISTICS_TTL).executor(searches)
                .build(file -> count(file.isEmpty() ? object("match_all", object())
                        : object("term", object(ChunkDocuments.FILE, file))));
        this.vocabulary = Caffeine.newBuilder().refreshAfterWrite(STATISTICS_TTL).executor(searches)
                .build(all -> Vocabulary.read(cluster, alias, VOCABULARY_TERMS));
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

    /**
     * BM25 over the chunks' terms. Like kNN, it loads the chunks it finds in the same round trip, for the
     * {@link #byIds} of the answer that follows.
     */
    @Override
    public List<Hit> anyOf(Collection<String> terms, int k, ArticleFilter filter) {
        if (terms.isEmpty()) {
            return List.of();
        }
        return hits(search(true, object("size", k, "_source", ChunkDocuments.STORED,
                "query", ChunkDocuments.anyOf(terms, filter))));
    }

    /** One search: the sentences and their terms, not the sentence vectors (most of a chunk's bytes). */
    @Override
    public List<StoredChunk> textsWithAnyOf(Collection<String> terms, int k, ArticleFilter filter) {
        if (terms.isEmpty()) {
            return List.of();
        }
        List<StoredChunk> chunks = new ArrayList<>();
        search(true, object("size", k, "_source", ChunkDocuments.TEXTS, "query", ChunkDocuments.anyOf(terms, filter)))
                .path("hits").path("hits").forEach(hit -> chunks.add(chunk(hit)));
        return chunks;
    }

    /** HNSW (the k-NN plugin's Lucene engine) with the filter applied during the search, as the Lucene store does. */
    @Override
    public List<Hit> knn(float[] vector, int k, ArticleFilter filter) {
        Map<String, Object> knn = object("vector", vector, "k", k);
        List<Object> clauses = ChunkDocuments.filterClauses(filter);
        if (!clauses.isEmpty()) {
            knn.put("filter", object("bool", object("filter", clauses)));
        }
        return hits(search(false, object("size", k, "_source", ChunkDocuments.STORED,
                "query", object("knn", object(ChunkDocuments.VECTOR, knn)))));
    }

    /** The chunks a search has just loaded come from memory; the others in one search. */
    @Override
    public List<StoredChunk> byIds(List<String> ids) {
        Map<String, StoredChunk> found = new HashMap<>(recent.getAllPresent(ids));
        List<String> missing = ids.stream().filter(id -> !found.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            search(false, object("size", missing.size(), "_source", ChunkDocuments.STORED,
                    "query", object("ids", object("values", missing))))
                    .path("hits").path("hits").forEach(hit -> found.put(hit.path("_id").asText(), chunk(hit)));
        }
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    private static StoredChunk chunk(JsonNode hit) {
        return ChunkDocuments.fromDocument(hit.path("_id").asText(), hit.path("_source"));
    }

    @Override
    public List<String> terms(String text) {
        return analyzer.terms(text);
    }

    @Override
    public int docFreq(String term) {
        return vocabulary.get(ALL).docFreq(term)
                .orElseGet(() -> docFreqs.get(term, t -> count(object("term", object(ChunkDocuments.TERMS, t)))));
    }

    /** From the vocabulary in memory; the terms it cannot tell, counted in one search (a bucket per term). */
    @Override
    public Map<String, Integer> docFreqs(Collection<String> terms) {
        Vocabulary known = vocabulary.get(ALL);
        Map<String, Integer> freqs = new HashMap<>(docFreqs.getAllPresent(terms));
        terms.forEach(t -> known.docFreq(t).ifPresent(df -> freqs.put(t, df)));
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

    @Override
    public Optional<String> nearestKnown(String term) {
        return ChunkStore.knownPrefix(term).flatMap(prefix -> vocabulary.get(ALL).mostFrequentUnder(prefix)
                .orElseGet(() -> nearest.get(prefix, this::mostFrequentUnder)));
    }

    /** The most frequent indexed term under the prefix, by a terms aggregation over the chunks' keyword terms. */
    private Optional<String> mostFrequentUnder(String prefix) {
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
        return counts.get(ALL);
    }

    @Override
    public int chunkCount(String file) {
        return counts.get(file);
    }

    /** Makes what was indexed searchable and forgets the statistics read before. */
    @Override
    public void refresh() {
        cluster.send("POST", "/" + alias + "/_refresh", null);
        docFreqs.invalidateAll();
        counts.invalidateAll();
        shards.invalidateAll();
        nearest.invalidateAll();
        recent.invalidateAll();
        // Until it is read again, a term this process just wrote would look unknown: the cluster tells.
        vocabulary.put(ALL, Vocabulary.NONE);
        vocabulary.refresh(ALL);
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
        String type = scored && shards.get(alias) > 1 ? "dfs_query_then_fetch" : "query_then_fetch";
        body.put("track_total_hits", false);
        // The copies on the node the request reaches answer it when they can: no hop to another node.
        return cluster.read("/" + alias + "/_search?search_type=" + type + "&preference=_local&filter_path="
                + REPLY_FIELDS, body);
    }

    private int shardCount() {
        JsonNode settings = cluster.send("GET", "/" + alias + "/_settings/index.number_of_shards", null);
        return settings.elements().next().path("settings").path("index").path("number_of_shards").asInt();
    }

    /** The hits of a search that loaded their chunks, which are kept for a moment (see {@link #byIds}). */
    private List<Hit> hits(JsonNode reply) {
        List<Hit> hits = new ArrayList<>();
        for (JsonNode hit : reply.path("hits").path("hits")) {
            StoredChunk chunk = chunk(hit);
            recent.put(chunk.id(), chunk);
            hits.add(new Hit(chunk.id(), chunk.file(), (float) hit.path("_score").asDouble()));
        }
        return hits;
    }

    @Override
    public long roundTrips() {
        return cluster.requests();
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
