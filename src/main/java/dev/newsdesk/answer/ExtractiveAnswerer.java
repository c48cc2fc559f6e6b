package dev.newsdesk.answer;

import dev.newsdesk.index.ChunkIndex;
import dev.newsdesk.index.Embedder;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.ingest.Sentence;
import dev.newsdesk.retrieve.Retriever.Retrieval;
import java.util.ArrayList;
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

    /** Scoring weights and abstention thresholds, calibrated on eval/questions.jsonl. */
    public record Tuning(double semantic, double lexical, double type, double minCoverage, double minScore,
                         double secondSentence) {
        public static final Tuning DEFAULT = new Tuning(0.5, 0.5, 0.15, 0.45, 0.42, 0.93);
    }

    private record Candidate(Sentence sentence, float[] vector, Set<String> terms, double score, double coverage) {
    }

    private final ChunkIndex index;
    private final CitationVerifier citations;
    private final SameStatement sameStatement;
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
        QuestionTerms terms = QuestionTerms.of(standalone, index);
        if (!terms.unknownNames().isEmpty()) {
            return abstain("The articles do not mention " + String.join(", ", terms.unknownNames())
                    + ", so they cannot answer this.", listener);
        }
        AnswerType type = AnswerType.of(standalone);
        List<Candidate> ranked = candidates(retrieval, terms, type, standalone);
        if (ranked.isEmpty() || ranked.get(0).coverage() < tuning.minCoverage() || ranked.get(0).score() < tuning.minScore()) {
            return abstain("The articles do not answer this question.", listener);
        }
        List<Candidate> picked = pick(ranked);
        return compose(picked, listener);
    }

    private List<Candidate> candidates(Retrieval retrieval, QuestionTerms terms, AnswerType type, String question) {
        Map<Sentence, Candidate> unique = new LinkedHashMap<>();
        for (StoredChunk chunk : retrieval.chunks()) {
            List<Sentence> sentences = chunk.sentences();
            List<Set<String>> termSets = sentences.stream().map(s -> Set.copyOf(index.terms(s.text()))).toList();
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
                double coverage = 0.8 * terms.coverage(termSets.get(i)) + 0.2 * terms.coverage(context);
                double semantic = Embedder.cosine(retrieval.queryVector(), chunk.sentenceVectors().get(i));
                double typed = type == AnswerType.NONE ? 0 : type.offeredBy(s.text(), question) ? 1 : -1;
                double score = tuning.semantic() * semantic + tuning.lexical() * coverage + tuning.type() * typed;
                unique.put(s, new Candidate(s, chunk.sentenceVectors().get(i), termSets.get(i), score, coverage));
            }
        }
        List<Candidate> ranked = new ArrayList<>(unique.values());
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return ranked;
    }

    /** The best sentence, plus up to two more that score nearly as well and say something else. */
    private List<Candidate> pick(List<Candidate> ranked) {
        List<Candidate> picked = new ArrayList<>(List.of(ranked.get(0)));
        for (Candidate c : ranked.subList(1, ranked.size())) {
            if (picked.size() == 3 || c.score() < tuning.secondSentence() * ranked.get(0).score()) {
                break;
            }
            if (c.coverage() >= tuning.minCoverage()
                    && picked.stream().noneMatch(p -> sameStatement.test(p.sentence(), c.sentence()))) {
                picked.add(c);
            }
        }
        return picked;
    }

    private Answer compose(List<Candidate> picked, AnswerListener listener) {
        List<Citation> cited = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Candidate c : picked) {
            List<Sentence> sources = sameStatement.across(c.sentence());
            StringBuilder markers = new StringBuilder();
            for (Sentence source : sources) {
                Optional<Citation> citation = citations.cite(cited.size() + 1, source.file(), source.start(), source.end());
                citation.ifPresent(ci -> {
                    cited.add(ci);
                    markers.append('[').append(ci.n()).append(']');
                });
            }
            text.append(text.isEmpty() ? "" : " ").append(c.sentence().text()).append(' ').append(markers);
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
