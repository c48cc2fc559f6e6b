package dev.newsdesk.answer;

import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.index.Embedder;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.ingest.Sentence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Describes every sentence of the retrieved chunks by what tells an answer from a near miss: how close
 * it is in meaning to the question and to its ask, how much of the question's rare vocabulary it and
 * its neighbours hold, what it adds that the question does not already say, whether it offers the kind
 * of thing asked for, and where it stands (its chunk's rank, the story's lead). The fitted
 * {@link Scorer} weighs these; nothing here is tuned by hand.
 */
final class SentenceFeatures {

    static final List<String> NAMES = List.of(
            "semantic", "semantic_gap", "ask_semantic", "coverage", "coverage_context", "coverage_gap",
            "ask_coverage", "novelty", "bigrams", "type_offered", "type_missing", "chunk_rank", "lead", "length",
            "article_share");

    /** The features a scorer fitted with the reader (or without it) weighs: the reader's come last. */
    static List<String> names(boolean reader) {
        if (!reader) {
            return NAMES;
        }
        List<String> all = new ArrayList<>(NAMES);
        all.addAll(ReaderEvidence.SENTENCE_FEATURES);
        return List.copyOf(all);
    }

    private final ChunkStore index;

    SentenceFeatures(ChunkStore index) {
        this.index = index;
    }

    /**
     * The candidates of {@code chunks} (in fused rank order), each sentence once. {@code askVector} is
     * the ask's embedding, the same as {@code questionVector} when the question is one sentence.
     */
    List<Candidate> describe(Question question, QuestionTerms terms, QuestionTerms askTerms, List<StoredChunk> chunks,
                             float[] questionVector, float[] askVector) {
        List<String> questionSequence = terms.sequence();
        Map<String, Integer> perFile = new HashMap<>();
        chunks.forEach(c -> perFile.merge(c.file(), 1, Integer::sum));
        // Every candidate's term statistics at once: one round trip, not one per term, to a remote store.
        Map<String, Double> idf = index.idf(chunks.stream().flatMap(c -> c.sentenceTerms().stream())
                .flatMap(Set::stream).collect(Collectors.toSet()));
        Map<Sentence, double[]> described = new LinkedHashMap<>();
        Map<Sentence, Candidate> firstSeen = new LinkedHashMap<>();
        for (int rank = 0; rank < chunks.size(); rank++) {
            StoredChunk chunk = chunks.get(rank);
            for (int i = 0; i < chunk.sentences().size(); i++) {
                Sentence s = chunk.sentences().get(i);
                if (described.containsKey(s)) {
                    continue; // chunks overlap; the better-ranked chunk describes the sentence
                }
                double[] x = new double[NAMES.size()];
                Set<String> own = chunk.sentenceTerms().get(i);
                Set<String> context = new HashSet<>(own);
                if (i > 0) {
                    context.addAll(chunk.sentenceTerms().get(i - 1));
                }
                if (i + 1 < chunk.sentences().size()) {
                    context.addAll(chunk.sentenceTerms().get(i + 1));
                }
                float[] vector = chunk.sentenceVectors().get(i);
                x[0] = Embedder.cosine(questionVector, vector);
                x[2] = askVector == questionVector ? x[0] : Embedder.cosine(askVector, vector);
                x[3] = terms.coverage(own);
                x[4] = terms.coverage(context);
                x[6] = askTerms.coverage(own);
                x[7] = novelty(own, terms, idf);
                x[8] = bigrams(questionSequence, s.text());
                boolean typed = question.type() != AnswerType.NONE;
                boolean offered = typed && question.type().offeredBy(s.text(), question.text(), this::common);
                x[9] = offered ? 1 : 0;
                x[10] = typed && !offered ? 1 : 0;
                x[11] = 1.0 / (1 + rank); // the chunk's reciprocal fused rank
                x[12] = chunk.ordinal() == 0 && i == 0 ? 1 : 0;
                x[13] = Math.log1p(own.size());
                x[14] = perFile.get(chunk.file()) / (double) chunks.size();
                described.put(s, x);
                firstSeen.put(s, new Candidate(s, chunk, i, x, 0));
            }
        }
        // Gaps to the best candidate: a sentence is judged against its rivals, not on an absolute scale.
        double bestSemantic = described.values().stream().mapToDouble(x -> x[0]).max().orElse(0);
        double bestCoverage = described.values().stream().mapToDouble(x -> x[3]).max().orElse(0);
        described.values().forEach(x -> {
            x[1] = x[0] - bestSemantic;
            x[5] = x[3] - bestCoverage;
        });
        return new ArrayList<>(firstSeen.values());
    }

    /** Share of the sentence's term weight that the question does not already hold: what it adds. */
    private static double novelty(Set<String> sentence, QuestionTerms question, Map<String, Double> idf) {
        double total = 0;
        double added = 0;
        for (String t : sentence) {
            double w = idf.get(t);
            total += w;
            if (!question.weights().containsKey(t)) {
                added += w;
            }
        }
        return total == 0 ? 0 : added / total;
    }

    /** Share of the question's adjacent term pairs that stand next to each other in the sentence too. */
    private double bigrams(List<String> question, String sentence) {
        if (question.size() < 2) {
            return 0;
        }
        List<String> words = index.terms(sentence);
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            pairs.add(words.get(i) + ' ' + words.get(i + 1));
        }
        int found = 0;
        for (int i = 0; i + 1 < question.size(); i++) {
            found += pairs.contains(question.get(i) + ' ' + question.get(i + 1)) ? 1 : 0;
        }
        return found / (double) (question.size() - 1);
    }

    /** A word found in more than a fifth of the chunks says nothing about where or who. */
    private boolean common(String word) {
        return index.terms(word).stream().anyMatch(t -> index.docFreq(t) * 5 > index.chunkCount());
    }
}
