package dev.newsdesk.answer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsdesk.answer.ExtractiveAnswerer.Analysis;
import dev.newsdesk.retrieve.Retriever.Retrieval;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Fits the {@link Scorer} from labelled questions: first the sentence model (which candidate holds the
 * answer?), then, on the candidates as that model ranks them, the answerability model (does any?);
 * then the composition thresholds, and the abstention threshold from a false-abstention budget.
 * Collect questions with {@link #collect}, one engine per set of articles, then call {@link #fit}.
 */
public final class ScorerFit {

    /** A labelled question: {@code holdsAnswer} tells whether a text states its answer. */
    public record Labelled(String id, String question, Predicate<String> holdsAnswer, boolean answerable) {
    }

    private record Example(String set, Labelled label, Analysis analysis, ExtractiveAnswerer answerer) {
    }

    /** L2 penalty on the standardised weights: enough to keep correlated features from trading off wildly. */
    private static final double LAMBDA = 1.0;
    /** Each sentence beyond the first must make this much more of the answers right to be worth reading. */
    private static final double SENTENCE_COST = 0.03;
    /**
     * The shares of the best sentence's probability that a neighbour, or a second sentence of the story, must
     * reach to be quoted too; 1.01 quotes the best sentence alone. Wide enough that no fitted share sits on an
     * edge it could not pass (0.5, the lowest of an earlier grid, was chosen for both).
     */
    private static final double[] SHARES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01};

    private final List<Example> examples = new ArrayList<>();
    private final boolean readerRanksSentences;

    /**
     * {@code readerRanksSentences}: whether what the reader found is weighed in ranking sentences too, or
     * only in deciding whether the articles answer (and in the short answer), when the questions are
     * described with the reader.
     */
    public ScorerFit(boolean readerRanksSentences) {
        this.readerRanksSentences = readerRanksSentences;
    }

    /** Describes every question of {@code set} with {@code engine}'s answerer and keeps it for fitting. */
    public void collect(String set, Pipeline engine, List<Labelled> questions, Consumer<String> progress) {
        for (Labelled q : questions) {
            Retrieval retrieval = engine.retriever().retrieve(q.question(), "fit-" + q.id(), List.of());
            examples.add(new Example(set, q, engine.extractive().analyse(retrieval, null), engine.extractive()));
        }
        progress.accept(set + ": " + questions.size() + " questions described");
    }

    /** The answerability features of every collected question under {@code sentence}, as CSV (set, label, features). */
    public String answerabilityTable(LogisticModel sentence) {
        StringBuilder csv = new StringBuilder("set,answerable," + String.join(",", AnswerFeatures.names(withReader())) + "\n");
        for (Example e : examples.stream().map(e -> rescored(e, sentence)).toList()) {
            if (decidable(e)) {
                csv.append('"').append(e.set()).append("\",").append(e.label().answerable() ? 1 : 0);
                for (double x : features(e, sentence)) {
                    csv.append(',').append(x);
                }
                csv.append('\n');
            }
        }
        return csv.toString();
    }

    /**
     * Fits on everything collected. {@code budget} is the share of answerable questions of each set that
     * may be refused; {@code fitted} (the data, split and seed) is recorded in the result.
     */
    public Scorer fit(double budget, ObjectNode fitted, Consumer<String> progress) {
        LogisticModel sentence = fitSentences(progress);
        List<Example> ranked = examples.stream().map(e -> rescored(e, sentence)).toList();
        LogisticModel answerable = fitAnswerability(ranked, sentence, progress);
        Scorer draft = new Scorer(sentence, answerable, 1.01, 1.01, 0, fitted, 0);
        double[] shares = composition(ranked, draft, progress);
        double threshold = abstentionThreshold(ranked, sentence, answerable, budget, progress);
        fitted.put("false_abstention_budget", budget);
        fitted.put("share_grid", Arrays.toString(SHARES));
        fitted.put("sentence_cost", SENTENCE_COST);
        fitted.put("l2_penalty", LAMBDA);
        fitted.put("questions", examples.size());
        return new Scorer(sentence, answerable, shares[0], shares[1], threshold, fitted, 0);
    }

    private LogisticModel fitSentences(Consumer<String> progress) {
        List<double[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (Example e : examples) {
            // Only questions whose retrieval found the answer teach which sentence holds it.
            if (!e.label().answerable() || e.analysis().ranked().stream().noneMatch(c -> holds(e, c))) {
                continue;
            }
            for (Candidate c : e.analysis().ranked()) {
                rows.add(c.features());
                labels.add(holds(e, c));
            }
        }
        progress.accept("sentence model: " + rows.size() + " sentences, " + labels.stream().filter(b -> b).count()
                + " holding an answer");
        List<String> names = SentenceFeatures.names(withReader() && readerRanksSentences);
        // A model over the first features only ignores the reader's, which come last in every row.
        return LogisticModel.fit(names, rows.stream().map(r -> java.util.Arrays.copyOf(r, names.size())).toList(),
                labels, LAMBDA);
    }

    private static Example rescored(Example e, LogisticModel sentence) {
        List<Candidate> ranked = new ArrayList<>(e.analysis().ranked().stream()
                .map(c -> c.scored(sentence.probability(c.features()))).toList());
        ranked.sort((a, b) -> Double.compare(b.probability(), a.probability()));
        Analysis a = e.analysis();
        return new Example(e.set(), e.label(), new Analysis(a.question(), a.terms(), ranked, 0, a.evidence()), e.answerer());
    }

    private LogisticModel fitAnswerability(List<Example> ranked, LogisticModel sentence, Consumer<String> progress) {
        List<Example> decidable = ranked.stream().filter(ScorerFit::decidable).toList();
        Map<String, Long> perSet = decidable.stream().collect(Collectors.groupingBy(Example::set, Collectors.counting()));
        List<double[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        // Every set counts as much as every other, however many questions it has: a large
        // encyclopedia set must not drown out the news questions.
        double[] weights = new double[decidable.size()];
        for (int i = 0; i < decidable.size(); i++) {
            Example e = decidable.get(i);
            rows.add(features(e, sentence));
            labels.add(e.label().answerable());
            weights[i] = decidable.size() / (double) (perSet.size() * perSet.get(e.set()));
        }
        progress.accept("answerability model: " + rows.size() + " questions, " + labels.stream().filter(b -> b).count()
                + " answerable, sets weighted equally " + perSet);
        return LogisticModel.fit(AnswerFeatures.names(withReader()), rows, labels, weights, LAMBDA);
    }

    /** The neighbour and second-sentence shares that make the most answers right, less the cost of length. */
    private static double[] composition(List<Example> ranked, Scorer draft, Consumer<String> progress) {
        double bestValue = Double.NEGATIVE_INFINITY;
        double[] best = {1.01, 1.01};
        for (double neighbour : SHARES) {
            for (double second : SHARES) {
                Scorer trial = new Scorer(draft.sentence(), draft.answerable(), neighbour, second, 0, draft.fitted(), 0);
                int right = 0;
                int answerable = 0;
                int extra = 0;
                for (Example e : ranked) {
                    if (!e.label().answerable() || !decidable(e)) {
                        continue;
                    }
                    List<Candidate> picked = e.answerer().pick(e.analysis().ranked(), trial);
                    answerable++;
                    extra += picked.size() - 1;
                    right += e.label().holdsAnswer().test(String.join(" ", picked.stream().map(c -> c.sentence().text()).toList())) ? 1 : 0;
                }
                double value = (right - SENTENCE_COST * extra) / Math.max(1, answerable);
                if (value > bestValue) {
                    bestValue = value;
                    best = new double[] {neighbour, second};
                }
            }
        }
        progress.accept(String.format("composition: neighbour share %.2f, second share %.2f", best[0], best[1]));
        return best;
    }

    /**
     * The highest threshold that refuses at most {@code budget} of the answerable questions of every
     * set: the operating point follows from what users tolerate, not from how many questions of one
     * set happen to be unanswerable.
     */
    private double abstentionThreshold(List<Example> ranked, LogisticModel sentence, LogisticModel answerable,
                                       double budget, Consumer<String> progress) {
        Map<String, List<Double>> perSet = new LinkedHashMap<>();
        for (Example e : ranked) {
            if (e.label().answerable() && decidable(e)) {
                perSet.computeIfAbsent(e.set(), k -> new ArrayList<>()).add(answerable.probability(features(e, sentence)));
            }
        }
        double threshold = 1;
        for (Map.Entry<String, List<Double>> set : perSet.entrySet()) {
            double[] scores = set.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int refusable = (int) Math.floor(budget * scores.length);
            double t = refusable == 0 ? scores[0] : (scores[refusable - 1] + scores[refusable]) / 2;
            progress.accept(String.format("%s: abstain below %.4f refuses %d of %d answerable", set.getKey(), t, refusable,
                    scores.length));
            threshold = Math.min(threshold, t);
        }
        return threshold;
    }

    /** True when the questions were described with what the reader found. */
    private boolean withReader() {
        return examples.stream().anyMatch(e -> e.analysis().evidence() != null);
    }

    /** Questions the answerer's rules do not already refuse: only these are left to the fitted model. */
    private static boolean decidable(Example e) {
        return !e.analysis().ranked().isEmpty() && e.analysis().terms().unknownNames().isEmpty();
    }

    private static double[] features(Example e, LogisticModel sentence) {
        Analysis a = e.analysis();
        return AnswerFeatures.of(a.ranked(), a.terms(), a.question(), sentence, a.evidence());
    }

    private static boolean holds(Example e, Candidate c) {
        return e.label().holdsAnswer().test(c.sentence().text());
    }
}
