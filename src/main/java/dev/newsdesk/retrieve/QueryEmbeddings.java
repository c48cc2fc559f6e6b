package dev.newsdesk.retrieve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.newsdesk.index.Embedder;

/**
 * Embeds queries, remembering recent ones: the retriever and the answerer both need the question's
 * vector, and popular questions repeat, so each distinct question is embedded once.
 */
public final class QueryEmbeddings {

    private final Embedder embedder;
    private final Cache<String, float[]> cache = Caffeine.newBuilder().maximumSize(10_000).build();

    public QueryEmbeddings(Embedder embedder) {
        this.embedder = embedder;
    }

    public float[] of(String query) {
        return cache.get(query, embedder::embedQuery);
    }
}
