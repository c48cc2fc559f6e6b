package dev.newsdesk.ingest;

import java.util.List;

/**
 * A few consecutive sentences of one article, the unit that is indexed and retrieved.
 * {@code id} is stable for the same file and position, so re-indexing replaces rather than duplicates.
 */
public record Chunk(String id, String file, String title, int ordinal, List<Sentence> sentences) {

    public int start() {
        return sentences.get(0).start();
    }

    public int end() {
        return sentences.get(sentences.size() - 1).end();
    }

    /** The text that is indexed: the sentences joined by spaces (cleaned, not the original spacing). */
    public String text() {
        return String.join(" ", sentences.stream().map(Sentence::text).toList());
    }
}
