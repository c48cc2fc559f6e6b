package dev.newsdesk.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsdesk.read.Reader;
import dev.newsdesk.read.TrainingData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The reader alone, given each question's paragraph, scored with SQuAD 2.0's official measures: exact
 * match and F1 over the normalised answer (lower case, no punctuation or articles), the best over the
 * gold answers, where an unanswerable question is right only when nothing is said. The reader answers
 * when its best span beats "no answer" by more than a margin, which is fitted ({@link #bestMargin}) on
 * some articles and applied to others.
 */
public final class SquadEvaluation {

    /** One question's reading: its gold answers (empty: unanswerable), the best span and its margin. */
    public record Prediction(String id, String article, List<String> golds, String span, double margin) {
    }

    /** Exact match and F1, in percent, over all questions and over the answerable and unanswerable ones. */
    public record Scores(int total, double exact, double f1, int answerable, double answerableExact,
                         double answerableF1, int unanswerable, double unanswerableExact) {
        public String summary() {
            return String.format(Locale.ROOT, "exact %.1f, F1 %.1f (%d questions); answerable: exact %.1f, F1 %.1f (%d);"
                    + " unanswerable: right %.1f (%d)", exact, f1, total, answerableExact, answerableF1, answerable,
                    unanswerableExact, unanswerable);
        }
    }

    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");

    private SquadEvaluation() {
    }

    /** Reads every question of {@code file} (SQuAD's JSON layout) whose article {@code articles} accepts. */
    public static List<Prediction> read(Reader reader, Path file, Predicate<String> articles) {
        List<Prediction> out = new ArrayList<>();
        for (JsonNode article : TrainingData.squad(file).path("data")) {
            String title = article.path("title").asText();
            if (!articles.test(title)) {
                continue;
            }
            for (JsonNode paragraph : article.path("paragraphs")) {
                String context = paragraph.path("context").asText();
                for (JsonNode qa : paragraph.path("qas")) {
                    List<String> golds = new ArrayList<>();
                    qa.path("answers").forEach(a -> golds.add(a.path("text").asText()));
                    golds.removeIf(g -> normalize(g).isEmpty());
                    Reader.Reading reading = reader.read(qa.path("question").asText(), List.of(context)).get(0);
                    String span = reading.isEmpty() ? "" : context.substring(reading.spans().get(0).start(),
                            reading.spans().get(0).end());
                    out.add(new Prediction(qa.path("id").asText(), title, golds, span, reading.margin()));
                }
            }
        }
        return out;
    }

    /** The scores when the reader answers only where its margin is above {@code margin}. */
    public static Scores score(List<Prediction> predictions, double margin) {
        double exact = 0;
        double f1 = 0;
        double answerableExact = 0;
        double answerableF1 = 0;
        double unanswerableExact = 0;
        int answerable = 0;
        for (Prediction p : predictions) {
            String said = p.margin() > margin ? p.span() : "";
            double e = exact(p, said);
            double f = f1(p, said);
            if (p.golds().isEmpty()) {
                unanswerableExact += e;
            } else {
                answerable++;
                answerableExact += e;
                answerableF1 += f;
            }
            exact += e;
            f1 += f;
        }
        int n = predictions.size();
        int unanswerable = n - answerable;
        return new Scores(n, percent(exact, n), percent(f1, n), answerable, percent(answerableExact, answerable),
                percent(answerableF1, answerable), unanswerable, percent(unanswerableExact, unanswerable));
    }

    /** The margin with the best F1 on {@code predictions}: a sweep over their own margins, in order. */
    public static double bestMargin(List<Prediction> predictions) {
        List<Prediction> byMargin = new ArrayList<>(predictions);
        byMargin.sort((a, b) -> Double.compare(b.margin(), a.margin()));
        // Start answering nothing; lowering the margin past each prediction answers it too.
        double f1 = byMargin.stream().mapToDouble(p -> p.golds().isEmpty() ? 1 : 0).sum();
        double best = byMargin.isEmpty() ? 0 : byMargin.get(0).margin();
        double bestF1 = f1;
        for (int i = 0; i < byMargin.size(); i++) {
            Prediction p = byMargin.get(i);
            f1 += f1(p, p.span()) - (p.golds().isEmpty() ? 1 : 0);
            boolean tie = i + 1 < byMargin.size() && byMargin.get(i + 1).margin() == p.margin();
            if (!tie && f1 > bestF1) {
                bestF1 = f1;
                best = i + 1 < byMargin.size() ? (p.margin() + byMargin.get(i + 1).margin()) / 2 : Math.nextDown(p.margin());
            }
        }
        return best;
    }

    /** SQuAD's normalisation: lower case, punctuation and the articles a/an/the removed, spaces collapsed. */
    static String normalize(String text) {
        StringBuilder kept = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().filter(c -> !isPunctuation(c)).forEach(kept::appendCodePoint);
        return String.join(" ", ARTICLES.matcher(kept).replaceAll(" ").trim().split("\\s+")).trim();
    }

    /** Python's string.punctuation, which the official script removes: ASCII punctuation only. */
    private static boolean isPunctuation(int c) {
        return c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
    }

    /** Exact match of {@code said} against {@code p}'s gold answers; for an unanswerable question, saying nothing. */
    private static double exact(Prediction p, String said) {
        return p.golds().isEmpty() ? (normalize(said).isEmpty() ? 1 : 0)
                : p.golds().stream().mapToDouble(g -> normalize(g).equals(normalize(said)) ? 1 : 0).max().orElse(0);
    }

    /** F1 of {@code said} against the best of {@code p}'s gold answers; for an unanswerable question, as exact. */
    private static double f1(Prediction p, String said) {
        return p.golds().isEmpty() ? exact(p, said) : p.golds().stream().mapToDouble(g -> f1(g, said)).max().orElse(0);
    }

    static double f1(String gold, String predicted) {
        String g = normalize(gold);
        String p = normalize(predicted);
        List<String> goldTokens = g.isEmpty() ? List.of() : List.of(g.split(" "));
        List<String> predictedTokens = p.isEmpty() ? List.of() : List.of(p.split(" "));
        if (goldTokens.isEmpty() || predictedTokens.isEmpty()) {
            return goldTokens.equals(predictedTokens) ? 1 : 0;
        }
        Map<String, Integer> counts = new HashMap<>();
        goldTokens.forEach(t -> counts.merge(t, 1, Integer::sum));
        int common = 0;
        for (String t : predictedTokens) {
            Integer left = counts.get(t);
            if (left != null && left > 0) {
                common++;
                counts.put(t, left - 1);
            }
        }
        if (common == 0) {
            return 0;
        }
        double precision = common / (double) predictedTokens.size();
        double recall = common / (double) goldTokens.size();
        return 2 * precision * recall / (precision + recall);
    }

    private static double percent(double sum, int n) {
        return n == 0 ? 0 : 100 * sum / n;
    }
}
