package dev.newsdesk.answer;

import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.ingest.Sentence;

/**
 * A sentence that might answer the question: where it stands ({@code chunk}, its {@code index} there)
 * and its features, in the order of {@link SentenceFeatures#NAMES}. {@code probability} is the fitted
 * scorer's estimate that the sentence holds the answer (0 until scored).
 */
record Candidate(Sentence sentence, StoredChunk chunk, int index, double[] features, double probability) {

    Candidate scored(double p) {
        return new Candidate(sentence, chunk, index, features, p);
    }

    /** This candidate with {@code more} features after its own. */
    Candidate with(double[] more) {
        double[] all = java.util.Arrays.copyOf(features, features.length + more.length);
        System.arraycopy(more, 0, all, features.length, more.length);
        return new Candidate(sentence, chunk, index, all, probability);
    }

    double feature(String name) {
        return features[SentenceFeatures.names(true).indexOf(name)];
    }

    /** The sentence just before ({@code -1}) or after ({@code +1}) this one in its chunk, or null. */
    Sentence neighbour(int step) {
        int i = index + step;
        return i >= 0 && i < chunk.sentences().size() ? chunk.sentences().get(i) : null;
    }
}
