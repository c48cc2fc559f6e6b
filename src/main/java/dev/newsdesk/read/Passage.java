package dev.newsdesk.read;

import dev.newsdesk.ingest.Sentence;
import java.util.List;
import java.util.Optional;

/**
 * Sentences of one article read together: their texts joined by spaces, with the way back from a place
 * in that text to the sentence and the file. The reader sees only the text; whatever it points at is
 * mapped back here, so a span always lands on the article's own characters.
 */
public record Passage(String text, List<Sentence> sentences, int[] starts) {

    /** Where a span of the passage lies: the sentence holding it and {@code [start, end)} in the file. */
    public record Place(Sentence sentence, int start, int end) {
    }

    public static Passage of(List<Sentence> sentences) {
        StringBuilder text = new StringBuilder();
        int[] starts = new int[sentences.size()];
        for (int i = 0; i < sentences.size(); i++) {
            if (i > 0) {
                text.append(' ');
            }
            starts[i] = text.length();
            text.append(sentences.get(i).text());
        }
        return new Passage(text.toString(), List.copyOf(sentences), starts);
    }

    /**
     * The file place of the passage's {@code [start, end)}, clipped to the sentence where it starts (a
     * span that runs on into the next sentence keeps what lies in the first); empty when it starts on a
     * joining space.
     */
    public Optional<Place> place(int start, int end) {
        for (int i = sentences.size() - 1; i >= 0; i--) {
            if (start >= starts[i]) {
                Sentence s = sentences.get(i);
                int length = s.text().length();
                int from = start - starts[i];
                int to = Math.min(end - starts[i], length);
                return from >= length || to <= from ? Optional.empty()
                        : Optional.of(new Place(s, s.start() + from, s.start() + to));
            }
        }
        return Optional.empty();
    }
}
