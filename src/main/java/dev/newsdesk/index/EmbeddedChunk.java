package dev.newsdesk.index;

import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.Chunk;
import java.util.List;

/**
 * A chunk ready to be stored, whichever store keeps it: its article's metadata (for filters), each
 * sentence's embedding and distinct analysed terms (for answer scoring), and the chunk's own vector.
 */
public record EmbeddedChunk(Chunk chunk, Article.Meta meta, List<float[]> sentenceVectors,
                            List<List<String>> sentenceTerms, float[] vector) {

    /** A chunk as a store keeps it, ready to be stored elsewhere without embedding anything again. */
    public static EmbeddedChunk of(StoredChunk stored, Article.Meta meta) {
        Chunk chunk = new Chunk(stored.id(), stored.file(), stored.title(), stored.ordinal(), stored.sentences());
        List<List<String>> terms = stored.sentenceTerms().stream().map(t -> t.stream().sorted().toList()).toList();
        return new EmbeddedChunk(chunk, meta, stored.sentenceVectors(), terms, ArticleEmbedder.mean(stored.sentenceVectors()));
    }
}
