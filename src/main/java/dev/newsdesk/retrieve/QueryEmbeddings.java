package dev.newsdesk.retrieve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.newsdesk.index.Embedder;
import java.util.regex.Pattern;

/**
 * Embeds queries, remembering recent ones: the retriever and the answerer both need the question's
 * vector, and popular questions repeat, so each distinct question is embedded once. The question's
 * scaffolding ("What did … say about …?") is left out of what is embedded: inference time grows with
 * every token, and those words tell the vector nothing about which sentences answer it.
 */
public final class QueryEmbeddings {

    private static final Pattern SCAFFOLDING = Pattern.compile(
            "(?iU)\\b(what|which|who|whom|whose|when|where|why|how|did|does|do|is|are|was|were|the|a|an|of|to|in"
                    + "|on|at|that|this|it|be|has|have|had|about)\\b|[?!.,]");

    private final Embedder embedder;
    private final Cache<String, float[]> cache = Caffeine.newBuilder().maximumSize(10_000).build();

    public QueryEmbeddings(Embedder embedder) {
        this.embedder = embedder;
    }

    public float[] of(String query) {
        return cache.get(query, q -> embedder.embedQuery(essentials(q)));
    }

    /** The words of {@code query} that say what it is about; the query itself if nothing is left. */
    static String essentials(String query) {
        String essentials = SCAFFOLDING.matcher(query).replaceAll(" ").replaceAll("\\s+", " ").strip();
        return essentials.isEmpty() ? query : essentials;
    }
}
