package dev.newsdesk.answer;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Describes a question by what tells an answerable one from one the articles only seem to answer:
 * how sure the sentence model is of its best sentence and by how much it beats the next, how much of
 * the question (and of its ask) the best sentence covers, how much of the question's vocabulary the
 * corpus lacks altogether, and whether any sentence offers the kind of thing asked for.
 */
final class AnswerFeatures {

    static final List<String> NAMES = List.of(
            "top_logit", "margin", "top_coverage", "top_ask_coverage", "max_coverage", "top_semantic", "top_novelty",
            "unknown_share", "type_absent", "terms", "missing_rarest", "missing_share", "missing_words", "top_type_missing");

    private AnswerFeatures() {
    }

    /** The features a scorer fitted with the reader (or without it) weighs: the reader's come last. */
    static List<String> names(boolean reader) {
        if (!reader) {
            return NAMES;
        }
        List<String> all = new java.util.ArrayList<>(NAMES);
        all.addAll(ReaderEvidence.ANSWER_FEATURES);
        return List.copyOf(all);
    }

    /** {@link #of} and, when the reader read, its features of the question. */
    static double[] of(List<Candidate> ranked, QuestionTerms terms, Question question, LogisticModel sentence,
                       ReaderEvidence evidence) {
        double[] base = of(ranked, terms, question, sentence);
        if (evidence == null) {
            return base;
        }
        double[] reader = evidence.answerFeatures(ranked.get(0).sentence());
        double[] all = java.util.Arrays.copyOf(base, base.length + reader.length);
        System.arraycopy(reader, 0, all, base.length, reader.length);
        return all;
    }

    /** The features of a question whose candidates are {@code ranked} (best first, scored by {@code sentence}). */
    static double[] of(List<Candidate> ranked, QuestionTerms terms, Question question, LogisticModel sentence) {
        double[] x = new double[NAMES.size()];
        Candidate best = ranked.get(0);
        double top = sentence.logit(best.features());
        x[0] = top;
        x[1] = ranked.size() > 1 ? top - sentence.logit(ranked.get(1).features()) : 5;
        x[2] = best.feature("coverage");
        x[3] = best.feature("ask_coverage");
        x[4] = ranked.stream().mapToDouble(c -> c.feature("coverage")).max().orElse(0);
        x[5] = best.feature("semantic");
        x[6] = best.feature("novelty");
        x[7] = terms.unknownShare();
        x[8] = question.type() != AnswerType.NONE && ranked.stream().allMatch(c -> c.feature("type_missing") > 0) ? 1 : 0;
        x[9] = Math.log1p(terms.weights().size());
        // Unanswerable questions often name one thing the best passage lacks: a swapped name or term.
        Set<String> passage = new HashSet<>(best.chunk().sentenceTerms().get(best.index()));
        for (int step : new int[] {-1, 1}) {
            int i = best.index() + step;
            if (i >= 0 && i < best.chunk().sentenceTerms().size()) {
                passage.addAll(best.chunk().sentenceTerms().get(i));
            }
        }
        double rarest = terms.weights().values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double missing = terms.weights().entrySet().stream().filter(e -> !passage.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).max().orElse(0);
        x[10] = rarest == 0 ? 0 : missing / rarest;
        x[11] = 1 - terms.coverage(passage);
        // Unweighted: a swapped common word ("first" for "last", "least" for "most") counts as much as a rare one.
        x[12] = terms.sequence().isEmpty() ? 0
                : terms.sequence().stream().filter(t -> !passage.contains(t)).count() / (double) terms.sequence().size();
        x[13] = best.feature("type_missing");
        return x;
    }
}
