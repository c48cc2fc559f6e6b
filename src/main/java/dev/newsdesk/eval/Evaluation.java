package dev.newsdesk.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.AnswerService;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.answer.CitationVerifier;
import dev.newsdesk.config.NewsdeskException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a question file through the answer service and grades it the way the shared grader does:
 * right = not abstained, matches the expected patterns, and at least one citation supports it (a
 * declared source file, or a quote that itself matches); every quote must be verbatim, and quotes are
 * counted before verification drops any, so an answerer that misquotes shows in the figures.
 */
public final class Evaluation {

    /** The figures of one run, and what went wrong, question by question. */
    public record Report(int right, int answerable, int abstainedRight, int unanswerable, int falseAbstentions,
                         int supportingCitations, int answerableCitations, int verbatim, int citations,
                         long dropped, double[] millis, List<String> problems) {

        public double accuracy() {
            return answerable == 0 ? 0 : (double) right / answerable;
        }

        public double citationPrecision() {
            return answerableCitations == 0 ? 0 : (double) supportingCitations / answerableCitations;
        }

        public double percentile(double p) {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }

        public String summary() {
            return String.format("answered right %d/%d (%.2f) | abstained right %d/%d | false abstentions %d"
                            + " | citation precision %.2f | verbatim quotes %d/%d | p50 %.1f ms p95 %.1f ms p99 %.1f ms",
                    right, answerable, accuracy(), abstainedRight, unanswerable, falseAbstentions, citationPrecision(),
                    verbatim, citations + dropped, percentile(0.5), percentile(0.95), percentile(0.99));
        }
    }

    private final AnswerService answers;
    private final CitationVerifier verifier;

    public Evaluation(AnswerService answers, CitationVerifier verifier) {
        this.answers = answers;
        this.verifier = verifier;
    }

    public static List<EvalQuestion> load(Path file) {
        ObjectMapper json = new ObjectMapper();
        try {
            List<EvalQuestion> questions = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    questions.add(json.readValue(line, EvalQuestion.class));
                }
            }
            return questions;
        } catch (IOException e) {
            throw new NewsdeskException("Cannot read questions from '" + file + "': " + e.getMessage()
                    + "; give a JSONL file like eval/questions.jsonl.", e);
        }
    }

    public Report run(List<EvalQuestion> questions) {
        return run(questions, 1);
    }

    /**
     * Grades {@code questions}, asking them from {@code threads} threads at once (the questions of one
     * conversation in order, on one thread). Latencies are only comparable between runs of one thread count.
     */
    public Report run(List<EvalQuestion> questions, int threads) {
        int right = 0, answerable = 0, abstainedRight = 0, unanswerable = 0, falseAbstentions = 0;
        int supporting = 0, answerableCitations = 0, verbatim = 0, citations = 0;
        double[] millis = new double[questions.size()];
        List<String> problems = new ArrayList<>();
        long droppedBefore = answers.droppedCitations();
        Answer[] answered = ask(questions, threads);
        for (int i = 0; i < questions.size(); i++) {
            EvalQuestion q = questions.get(i);
            Answer a = answered[i];
            millis[i] = a.ms();
            citations += a.citations().size();
            verbatim += (int) a.citations().stream().filter(verifier::isVerbatim).count();
            if (q.unanswerable()) {
                unanswerable++;
                if (a.abstained()) {
                    abstainedRight++;
                } else {
                    problems.add(q.id() + ": answered an unanswerable question: " + a.answer());
                }
                continue;
            }
            answerable++;
            List<Citation> support = a.citations().stream()
                    .filter(c -> q.sources().contains(c.file()) || q.matches(c.quote())).toList();
            answerableCitations += a.citations().size();
            supporting += support.size();
            if (a.abstained()) {
                falseAbstentions++;
                problems.add(q.id() + ": abstained: " + q.question());
            } else if (!q.matches(a.answer())) {
                problems.add(q.id() + ": wrong: " + q.question() + " -> " + a.answer());
            } else if (support.isEmpty()) {
                problems.add(q.id() + ": right but unsupported by its citations");
            } else {
                right++;
            }
        }
        return new Report(right, answerable, abstainedRight, unanswerable, falseAbstentions, supporting,
                answerableCitations, verbatim, citations, answers.droppedCitations() - droppedBefore, millis, problems);
    }

    private Answer[] ask(List<EvalQuestion> questions, int threads) {
        // Each run gets fresh conversation ids, so repeated runs do not continue each other's conversations.
        String run = Long.toString(System.nanoTime(), 36);
        Map<String, List<Integer>> byConversation = new LinkedHashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            EvalQuestion q = questions.get(i);
            byConversation.computeIfAbsent(q.conversation() == null ? q.id() : q.conversation(),
                    k -> new ArrayList<>()).add(i);
        }
        Answer[] answered = new Answer[questions.size()];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> conversation : byConversation.entrySet()) {
                pending.add(pool.submit(() -> {
                    for (int i : conversation.getValue()) {
                        answered[i] = answers.ask(questions.get(i).question(), "eval-" + run + "-" + conversation.getKey());
                    }
                }));
            }
            for (Future<?> f : pending) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return answered;
    }
}
