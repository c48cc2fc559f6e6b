package dev.newsdesk.retrieve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.newsdesk.index.Embedder;
import dev.newsdesk.language.QuestionWords;

/**
 * Embeds queries, remembering recent ones: the retriever and the answerer both need the question's
 * vector, and popular questions repeat, so each distinct question is embedded once. The question's
 * scaffolding ("What did … say about …?") is left out of what is embedded: inference time grows with
 * every token, and those words tell the vector nothing about which sentences answer it.
 */
public final class QueryEmbeddings {

    private final Embedder embedder;
    private final QuestionWords words;
    private final Cache<String, float[]> cache = Caffeine.newBuilder().maximumSize(10_000).build();

    public QueryEmbeddings(Embedder embedder, QuestionWords words) {
        this.embedder = embedder;
        this.words = words;
    }

    public float[] of(String query) {
        return cache.get(query, q -> embedder.embedQuery(words.essentials(q)));
    }
}
