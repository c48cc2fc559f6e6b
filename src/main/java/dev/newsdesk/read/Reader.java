package dev.newsdesk.read;

import java.util.List;

/**
 * Reads passages for the answer to a question, as an extractive reader of SQuAD 2.0 does: for each
 * passage, the spans it would answer with and how strongly it says the passage holds no answer.
 * Implementations are thread-safe and hold their model once per process.
 */
public interface Reader {

    /** The model that reads, e.g. "newsdesk-reader-minilm-l6-int8@1a2b3c4d": answers and /health name it. */
    String id();

    /** One reading per passage, in the order given. */
    List<Reading> read(String question, List<String> passages);

    /**
     * What the reader found in one passage: its best {@code spans} (best first; {@code [start, end)} in
     * UTF-16 units of the passage text) and {@code noAnswer}, the score of the "no answer here" span
     * (the lowest over the passage's windows). A span beats "no answer" where its score is higher.
     */
    record Reading(List<Span> spans, double noAnswer) {
        public boolean isEmpty() {
            return spans.isEmpty();
        }

        /** The best span's score minus the no-answer score: above 0, the reader would rather answer. */
        public double margin() {
            return spans.isEmpty() ? Double.NEGATIVE_INFINITY : spans.get(0).score() - noAnswer;
        }
    }

    record Span(int start, int end, double score) {
    }
}
