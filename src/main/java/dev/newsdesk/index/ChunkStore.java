package dev.newsdesk.index;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Where the chunks are searched: BM25 and kNN over chunks, the chunks themselves, and the term
 * statistics answer scoring reads. The retrievers, the answerers and the front ends see only this;
 * {@link ChunkStore} keeps it in an embedded Lucene index, {@code OpenSearchStore} in a cluster, and
 * {@code Engine} picks one from the settings. Implementations are thread-safe.
 */
public interface ChunkStore extends Closeable {

    /** A search hit: a chunk's id, its file and its score under the search that found it; {@link #byIds} loads chunks. */
    record Hit(String id, String file, float score) {
    }

    /**
     * BM25 over the analysed words of {@code text}; a word the index lacks is searched as the form it
     * has ({@link #nearestKnown}), so "threaten" still finds "threat".
     */
    default List<Hit> bm25(String text, int k) {
        return bm25(text, k, ArticleFilter.NONE);
    }

    /** As {@link #bm25(String, int)}, over the chunks of the articles {@code filter} lets through. */
    default List<Hit> bm25(String text, int k, ArticleFilter filter) {
        List<String> analysed = terms(text);
        Map<String, Integer> freqs = docFreqs(analysed);
        List<String> terms = analysed.stream()
                .map(t -> freqs.get(t) > 0 ? t : nearestKnown(t).orElse(t))
                .distinct().toList();
        return anyOf(terms, k, filter);
    }

    /**
     * BM25 over analysed terms (as {@link #terms} gives them): chunks holding any, best first, among
     * the chunks of the articles {@code filter} lets through.
     */
    List<Hit> anyOf(Collection<String> terms, int k, ArticleFilter filter);

    /**
     * The chunks that hold any of {@code terms}, best first as {@link #anyOf} ranks them, for comparing
     * sentences by their terms: a remote store loads them in the search itself, and may leave out their
     * sentence vectors.
     */
    default List<StoredChunk> textsWithAnyOf(Collection<String> terms, int k, ArticleFilter filter) {
        return byIds(anyOf(terms, k, filter).stream().map(Hit::id).toList());
    }

    /** True when a chunk of the articles {@code filter} lets through holds the analysed term {@code term}. */
    default boolean holds(String term, ArticleFilter filter) {
        return docFreq(term) > 0 && (!filter.restricts() || !anyOf(List.of(term), 1, filter).isEmpty());
    }

    default List<Hit> knn(float[] vector, int k) {
        return knn(vector, k, ArticleFilter.NONE);
    }

    /** Nearest chunks (cosine) among those {@code filter} lets through, the filter applied during the search. */
    List<Hit> knn(float[] vector, int k, ArticleFilter filter);

    /** The chunks with these ids, in the order given (ids no longer in the store are skipped). */
    List<StoredChunk> byIds(List<String> ids);

    /** The analysed terms of {@code text}, as the BM25 field sees them (lower-cased, stemmed, no stop words). */
    List<String> terms(String text);

    /** How many chunks contain an analysed term. */
    int docFreq(String term);

    /** How many chunks contain each of {@code terms}; a store behind a network does it in one round trip. */
    default Map<String, Integer> docFreqs(Collection<String> terms) {
        Map<String, Integer> freqs = new HashMap<>();
        terms.forEach(t -> freqs.computeIfAbsent(t, this::docFreq));
        return freqs;
    }

    /** Inverse document frequency of an analysed term over the chunks, as BM25 computes it. */
    default double idf(String term) {
        return idf(chunkCount(), docFreq(term));
    }

    /** The inverse document frequency of each of {@code terms}, their statistics read at once ({@link #docFreqs}). */
    default Map<String, Double> idf(Collection<String> terms) {
        long n = chunkCount();
        Map<String, Double> idf = new HashMap<>();
        docFreqs(terms).forEach((t, df) -> idf.put(t, idf(n, df)));
        return idf;
    }

    /** BM25's idf, as Lucene's {@code BM25Similarity} computes it: log(1 + (N - n + 0.5) / (n + 0.5)). */
    private static double idf(long chunks, long docFreq) {
        return Math.log(1 + (chunks - docFreq + 0.5) / (docFreq + 0.5));
    }

    /**
     * The indexed term that {@code term} most likely means when the index lacks it: the most frequent
     * term that starts with it, or, for a longer term, with all but its last two letters
     * ("threaten" → "threat", "annex" → "annexation", "crimea" → "crimean"). Empty when none does.
     */
    Optional<String> nearestKnown(String term);

    /** The prefix {@link #nearestKnown} looks under; empty for a term too short to guess from. */
    static Optional<String> knownPrefix(String term) {
        if (term.length() < 5) {
            return Optional.empty();
        }
        return Optional.of(term.length() >= 8 ? term.substring(0, term.length() - 2) : term);
    }

    int chunkCount();

    /** How many chunks of {@code file} the store holds (0 for a file it does not know). */
    int chunkCount(String file);

    /**
     * Makes what was last written searchable: new searches see it, searches under way finish on what
     * they started with; cached term statistics are forgotten.
     */
    void refresh() throws IOException;

    /**
     * Where retrieval runs the BM25 and kNN searches of a question: in the caller's thread, unless
     * the store is better served by overlapping them (each a network round trip).
     */
    default Executor searches() {
        return Runnable::run;
    }

    /** Requests sent to the store so far, each a network round trip; 0 for a store in this process. */
    default long roundTrips() {
        return 0;
    }

    /** Why questions cannot be answered from the store just now (its cluster down, say); empty when they can. */
    default Optional<String> unavailable() {
        return Optional.empty();
    }
}
