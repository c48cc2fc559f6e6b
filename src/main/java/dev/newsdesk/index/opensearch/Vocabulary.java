package dev.newsdesk.index.opensearch;

import static dev.newsdesk.index.opensearch.Cluster.object;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every term of the chunks with its document frequency, read from the cluster in pages of a composite
 * aggregation, so that the statistics of a question's known words and their word forms cost no round
 * trip. A term it lacks is asked of the cluster (it may be new), and so are word forms when the vocabulary
 * reached its size limit.
 */
final class Vocabulary {

    static final Vocabulary NONE = new Vocabulary(new TreeMap<>(), false);
    /** Terms per page: a composite aggregation's pages are bounded as a search's size is. */
    private static final int PAGE = 10_000;

    private final NavigableMap<String, Integer> docFreqs;
    private final boolean complete;

    private Vocabulary(NavigableMap<String, Integer> docFreqs, boolean complete) {
        this.docFreqs = Collections.unmodifiableNavigableMap(docFreqs);
        this.complete = complete;
    }

    /** Reads the terms of {@code alias}, at most {@code limit} of them (in term order). */
    static Vocabulary read(Cluster cluster, String alias, int limit) {
        NavigableMap<String, Integer> docFreqs = new TreeMap<>();
        Map<String, Object> after = null;
        while (docFreqs.size() < limit) {
            int size = Math.min(PAGE, limit - docFreqs.size());
            Map<String, Object> composite = object("size", size,
                    "sources", List.of(object("term", object("terms", object("field", ChunkDocuments.TERMS)))));
            if (after != null) {
                composite.put("after", after);
            }
            JsonNode terms = cluster.read("/" + alias + "/_search?filter_path=aggregations,_shards.failed,_shards.failures",
                    object("size", 0, "track_total_hits", false, "aggs", object("terms", object("composite", composite))))
                    .path("aggregations").path("terms");
            terms.path("buckets").forEach(b -> docFreqs.put(b.path("key").path("term").asText(), b.path("doc_count").asInt()));
            if (!terms.has("after_key") || terms.path("buckets").size() < size) {
                return new Vocabulary(docFreqs, true);
            }
            after = object("term", terms.path("after_key").path("term").asText());
        }
        return new Vocabulary(docFreqs, false);
    }

    /**
     * The term's document frequency; empty for a term it lacks, which only the cluster can tell about: it
     * may have arrived since this vocabulary was read (a replica reads it while another process writes).
     */
    Optional<Integer> docFreq(String term) {
        return Optional.ofNullable(docFreqs.get(term));
    }

    /**
     * The most frequent term starting with {@code prefix} (ties: the first in term order), as the
     * cluster's terms aggregation would find it; empty in a partial vocabulary, which cannot tell.
     */
    Optional<Optional<String>> mostFrequentUnder(String prefix) {
        if (!complete) {
            return Optional.empty();
        }
        String best = null;
        int most = 0;
        for (Map.Entry<String, Integer> e : docFreqs.subMap(prefix, true, prefix + Character.MAX_VALUE, true).entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return Optional.of(Optional.ofNullable(best));
    }

    int size() {
        return docFreqs.size();
    }
}
