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
}
