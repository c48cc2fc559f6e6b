package dev.newsdesk.answer;

import dev.newsdesk.index.ArticleFilter;
import dev.newsdesk.index.ChunkIndex;
import dev.newsdesk.index.Embedder;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.ingest.Demonyms;
import dev.newsdesk.ingest.Sentence;
import dev.newsdesk.retrieve.Retriever.Retrieval;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The offline answerer: picks the sentences of the retrieved chunks that best answer the question and
 * quotes them, each cited. A sentence scores by meaning (cosine to the question), by words (the share
 * of the question's rare terms it and its neighbours contain) and by offering the kind of thing asked
 * for (a person for "who", a distance for "how far"). When nothing scores well enough, or the
 * question names something the articles never mention, it abstains instead of guessing. A statement
 * that several articles carry is given once, citing all of them.
 */
public final class ExtractiveAnswerer implements Answerer {

    /**
     * Scoring weights and abstention thresholds, calibrated on eval/questions.jsonl: {@code context}
     * is the share of word coverage that may come from the neighbouring sentences.
     */
    public record Tuning(double semantic, double lexical, double type, double context, double minCoverage,
                         double minCoverageAllKnown, double secondSentence) {
        public static final Tuning DEFAULT = new Tuning(0.3, 0.6, 0.15, 0.4, 0.35, 0.28, 0.93);
    }

    /** A scored sentence with its neighbours; the parts of the score are kept for calibration. */
    record Candidate(Sentence sentence, Sentence previous, Sentence next, double semantic, double coverage,
                     double contextCoverage, double typed, double score) {
    }

    private final ChunkIndex index;
    private final CitationVerifier citations;
    private final SameStatement sameStatement;
    private final Demonyms demonyms = new Demonyms();
    private final Tuning tuning;

    public ExtractiveAnswerer(ChunkIndex index, CitationVerifier citations, Tuning tuning) {
        this.index = index;
        this.citations = citations;
        this.sameStatement = new SameStatement(index);
        this.tuning = tuning;
    }

    @Override
    public Answer answer(String question, Retrieval retrieval, AnswerListener listener) {
        String standalone = retrieval.standaloneQuery();
        QuestionTerms terms = QuestionTerms.of(standalone, index, demonyms);
        if (!terms.unknownNames().isEmpty()) {
            return abstain("The articles do not mention " + String.join(", ", terms.unknownNames())
                    + ", so they cannot answer this.", listener);
        }
        AnswerType type = AnswerType.of(standalone);
        List<Candidate> ranked = rank(retrieval, terms).stream()
                .filter(c -> !type.required() || c.typed() > 0)
                .toList();
        // A question whose every word the articles use is more likely about them: it may match more loosely.
        double minCoverage = terms.unknownTerms() == 0 ? tuning.minCoverageAllKnown() : tuning.minCoverage();
        if (ranked.isEmpty() || mixedCoverage(ranked.get(0)) < minCoverage) {
            return abstain("The articles do not answer this question.", listener);
        }
        return compose(pick(ranked, type), retrieval.filter(), listener);
    }

    private double mixedCoverage(Candidate c) {
        return (1 - tuning.context()) * c.coverage() + tuning.context() * c.contextCoverage();
    }

    List<Candidate> rank(Retrieval retrieval, QuestionTerms terms) {
        String question = retrieval.standaloneQuery();
        AnswerType type = AnswerType.of(question);
        Map<Sentence, Candidate> unique = new LinkedHashMap<>();
        for (StoredChunk chunk : retrieval.chunks()) {
            List<Sentence> sentences = chunk.sentences();
            List<Set<String>> termSets = chunk.sentenceTerms();
            for (int i = 0; i < sentences.size(); i++) {
                Sentence s = sentences.get(i);
                if (unique.containsKey(s)) {
                    continue;
                }
                // Neighbours in the chunk count a little: a quote's speaker is often named next door.
                Set<String> context = new HashSet<>(termSets.get(i));
                if (i > 0) {
                    context.addAll(termSets.get(i - 1));
                }
                if (i + 1 < sentences.size()) {
                    context.addAll(termSets.get(i + 1));
                }
                double own = terms.coverage(termSets.get(i));
                double withContext = terms.coverage(context);
                double coverage = (1 - tuning.context()) * own + tuning.context() * withContext;
                double semantic = Embedder.cosine(retrieval.queryVector(), chunk.sentenceVectors().get(i));
                double typed = type == AnswerType.NONE ? 0 : type.offeredBy(s.text(), question, this::common) ? 1 : -1;
                double score = tuning.semantic() * semantic + tuning.lexical() * coverage + tuning.type() * typed;
                unique.put(s, new Candidate(s, i > 0 ? sentences.get(i - 1) : null,
                        i + 1 < sentences.size() ? sentences.get(i + 1) : null, semantic, own, withContext, typed, score));
            }
        }
        List<Candidate> ranked = new ArrayList<>(unique.values());
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return ranked;
    }

    /** A word found in more than a fifth of the chunks. */
    private boolean common(String word) {
        return index.terms(word).stream().anyMatch(t -> index.docFreq(t) * 5 > index.chunkCount());
    }

    /**
     * The best sentence; the sentence next to it when the best one quotes someone without naming them
     * and the question asks who; then up to three sentences in all that score nearly as well and
     * say something else.
     */
    private List<Sentence> pick(List<Candidate> ranked, AnswerType type) {
        Candidate best = ranked.get(0);
        List<Sentence> picked = new ArrayList<>(List.of(best.sentence()));
        if (type == AnswerType.PERSON && best.typed() < 0) {
            for (Sentence neighbour : Arrays.asList(best.next(), best.previous())) {
                if (neighbour != null && type.offeredBy(neighbour.text(), "", this::common)) {
                    picked.add(neighbour);
                    break;
                }
            }
        }
        for (Candidate c : ranked.subList(1, ranked.size())) {
            if (picked.size() >= 3 || c.score() < tuning.secondSentence() * best.score()) {
                break;
            }
            if (mixedCoverage(c) >= tuning.minCoverage()
                    && picked.stream().noneMatch(p -> sameStatement.test(p, c.sentence()))) {
                picked.add(c.sentence());
            }
        }
        return picked;
    }

    private Answer compose(List<Sentence> picked, ArticleFilter filter, AnswerListener listener) {
        List<Citation> cited = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Sentence sentence : picked) {
            List<Sentence> sources = sameStatement.across(sentence, filter);
            StringBuilder markers = new StringBuilder();
            for (Sentence source : sources) {
                Optional<Citation> citation = citations.cite(cited.size() + 1, source.file(), source.start(), source.end());
                citation.ifPresent(ci -> {
                    cited.add(ci);
                    markers.append('[').append(ci.n()).append(']');
                });
            }
            text.append(text.isEmpty() ? "" : " ").append(sentence.text()).append(' ').append(markers);
            long files = sources.stream().map(Sentence::file).distinct().count();
            if (files > 1) {
                text.append(" (").append(files).append(" reports agree.)");
            }
        }
        Answer answer = new Answer(text.toString(), false, cited, Answer.EXTRACTIVE, 0, null, null);
        listener.onSources(answer.citations());
        listener.onDelta(answer.answer());
        return answer;
    }

    private static Answer abstain(String message, AnswerListener listener) {
        listener.onSources(List.of());
        listener.onDelta(message);
        return Answer.abstention(message, Answer.EXTRACTIVE);
    }
}
