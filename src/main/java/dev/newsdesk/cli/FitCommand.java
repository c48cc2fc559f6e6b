package dev.newsdesk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsdesk.answer.Pipeline;
import dev.newsdesk.answer.Scorer;
import dev.newsdesk.answer.ScorerFit;
import dev.newsdesk.eval.EvalQuestion;
import dev.newsdesk.eval.Evaluation;
import dev.newsdesk.eval.Split;
import dev.newsdesk.eval.SquadEvaluation;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import dev.newsdesk.read.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Fits the answerer's scorer on labelled questions and reports it on held-out ones. Two sets: SQuAD 2.0
 * questions over Wikipedia articles, split by article (fit on half the articles, report on the other
 * half), and the project's own questions over the seeds, split by question. Deterministic: the same
 * data gives the same scorer.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fits the extractive answerer's weights and thresholds on labelled questions and reports"
                + " them on held-out questions.", "Writes the scorer to --out; newsdesk uses the bundled one, or"
                + " $NEWSDESK_SCORER."})
final class FitCommand implements Callable<Integer> {

    private final Parts parts;

    FitCommand(Parts parts) {
        this.parts = parts;
    }

    @Option(names = "--squad", paramLabel = "DIR", defaultValue = "eval/squad2-open",
            description = "A folder with corpus/ and questions.jsonl, split by article (default: ${DEFAULT-VALUE}).")
    Path squad;

    @Option(names = "--own", paramLabel = "FILE", defaultValue = "eval/questions.jsonl",
            description = "Questions about --seeds, split by question (default: ${DEFAULT-VALUE}).")
    Path own;

    @Option(names = "--seeds", paramLabel = "DIR", defaultValue = "seeds", description = "Default: ${DEFAULT-VALUE}.")
    Path seeds;

    @Option(names = "--squad-json", paramLabel = "FILE", defaultValue = "eval/squad2-open/squad-v2.0-open.json",
            description = "The same SQuAD articles in SQuAD 2.0's JSON layout, to fit the reader's paragraph margin on"
                    + " (default: ${DEFAULT-VALUE}).")
    Path squadJson;

    @Option(names = "--reader-ranks", defaultValue = "false",
            description = "Weigh the reader's findings in ranking sentences too, not only in deciding whether the"
                    + " articles answer (measured worse on the held-out questions about the seeds: 0.76 against 0.86).")
    boolean readerRanks;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where the fitted scorer goes (default: the bundled one, src/main/resources/dev/newsdesk/answer/"
                    + "reader-scorer.json, or scorer.json with NEWSDESK_READER=off).")
    Path out;

    @Option(names = "--budget", defaultValue = "0.015",
            description = "Share of answerable questions of each set the answerer may refuse (default: ${DEFAULT-VALUE}).")
    double budget;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "target/fit",
            description = "Folder for the split corpora and their indexes (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = {"-v", "--verbose"}, description = "List every held-out question that went wrong.")
    boolean verbose;

    @Option(names = "--table", paramLabel = "FILE",
            description = "Also write every question's answerability features as CSV, to study them.")
    Path table;

    @Override
    public Integer call() throws Exception {
        Settings.Reading readerSettings = Settings.fromEnvironment(Map.of()).reading();
        boolean reading = readerSettings.enabled();
        if (out == null) {
            out = Path.of("src/main/resources/dev/newsdesk/answer", reading ? "reader-scorer.json" : "scorer.json");
        }
        Split split = Split.byArticle(squad.resolve("corpus"), parts.terms());
        List<EvalQuestion> squadQuestions = Evaluation.load(squad.resolve("questions.jsonl"));
        Split.Part squadFit = split.fit(squadQuestions, work.resolve("squad-fit"));
        Split.Part squadHeldOut = split.heldOut(squadQuestions, work.resolve("squad-held-out"));
        List<EvalQuestion> ownQuestions = Evaluation.load(own);
        List<EvalQuestion> ownFit = ownQuestions.stream().filter(q -> !Split.isHeldOut(q)).toList();
        List<EvalQuestion> ownHeldOut = ownQuestions.stream().filter(Split::isHeldOut).toList();

        ObjectNode fitted = new ObjectMapper().createObjectNode();
        fitted.put("command", (reading ? "" : "NEWSDESK_READER=off ") + "newsdesk fit --squad " + squad + " --own " + own
                + " --budget " + budget + (reading ? " --squad-json " + squadJson : "")
                + (reading && readerRanks ? " --reader-ranks" : ""));
        fitted.put("split", "squad2-open: fit on " + split.fitArticles() + ", held out " + split.heldOutArticles()
                + "; own: questions whose id (or conversation) hashes even are fitted, the rest held out; and, as off-topic"
                + " unanswerable questions, each set's fitted answerable questions asked of the other set's articles");
        fitted.put("seed", "none: deterministic (Newton's method from zero weights)");
        Reader reader = reading ? parts.reader(readerSettings) : null;
        List<String> fitTitles = titles(split.fitArticles());
        Scorer scorer;
        // Fitting composes answers, so the engines stay open until it is done.
        try (Pipeline squadEngine = engine(squadFit.corpus(), "squad-fit-index", null);
             Pipeline seedEngine = engine(seeds, "seeds-index", null)) {
            ScorerFit fit = parts.scorerFit(readerRanks);
            fit.collect("squad2-open", squadEngine, labelled(squadFit.questions()), System.err::println);
            List<EvalQuestion> ownSingles = ownFit.stream().filter(q -> q.conversation() == null).toList();
            fit.collect("own", seedEngine, labelled(ownSingles), System.err::println);
            // Each set's questions asked of the other set's articles: off-topic questions, all unanswerable there.
            fit.collect("squad2-open asked of the seeds", seedEngine, offTopic(squadFit.questions()), System.err::println);
            fit.collect("own asked of squad2-open", squadEngine, offTopic(ownSingles), System.err::println);
            scorer = fit.fit(budget, fitted, System.err::println);
            if (reading) {
                scorer = scorer.withReaderMargin(readerMargin(reader, fitTitles, fitted));
            }
            if (table != null) {
                Files.writeString(table, fit.answerabilityTable(scorer.sentence()));
            }
        }
        scorer.write(out);

        ObjectNode heldOut = fitted.putObject("held_out");
        heldOut.put("squad2-open", report(engine(squadHeldOut.corpus(), "squad-held-out-index", out), squadHeldOut.questions()));
        heldOut.put("own", report(engine(seeds, "seeds-index", out), ownHeldOut));
        if (reading) {
            heldOut.put("squad2-open, reader alone given the paragraph", SquadEvaluation.score(
                    SquadEvaluation.read(reader, squadJson, t -> !fitTitles.contains(t)), scorer.readerMargin()).summary());
        }
        scorer.write(out);
        System.out.println("wrote " + out);
        return 0;
    }

    /**
     * The margin by which the reader's best span must beat "no answer" when it reads one paragraph alone
     * ({@code eval --squad}): the one with the best F1 on the fit articles.
     */
    private double readerMargin(Reader reader, List<String> fitTitles, ObjectNode fitted) {
        List<SquadEvaluation.Prediction> predictions = SquadEvaluation.read(reader, squadJson, fitTitles::contains);
        if (predictions.isEmpty()) {
            throw new NewsdeskException("'" + squadJson + "' has none of the fit articles " + fitTitles + "; give --squad-json"
                    + " the same articles as --squad, in SQuAD 2.0's JSON layout.");
        }
        double margin = SquadEvaluation.bestMargin(predictions);
        fitTitles.forEach(fitted.putArray("reader_margin_articles")::add);
        fitted.put("reader_margin", "fitted for F1 on the paragraphs of " + fitTitles + " in " + squadJson + ": "
                + SquadEvaluation.score(predictions, margin).summary());
        System.err.printf("reader margin %.3f%n", margin);
        return margin;
    }

    private static List<String> titles(List<String> files) {
        return files.stream().map(f -> f.replaceFirst("\\.(txt|md)$", "")).toList();
    }

    private Pipeline engine(Path corpus, String index, Path scorer) {
        Map<String, String> env = new HashMap<>();
        env.put("NEWSDESK_CORPUS", corpus.toString());
        env.put("NEWSDESK_INDEX", work.resolve(index).toString());
        env.put("NEWSDESK_LLM", "none");
        if (scorer != null) {
            env.put("NEWSDESK_SCORER", scorer.toString());
        }
        return parts.start(Settings.fromEnvironment(env), System.err::println, new ProgressBar(System.err));
    }

    private String report(Pipeline engine, List<EvalQuestion> questions) throws Exception {
        try (engine) {
            Evaluation.Report report = parts.evaluation(engine).run(questions);
            if (verbose) {
                report.problems().forEach(System.out::println);
            }
            System.out.println(report.summary());
            return report.summary();
        }
    }

    /** Every answerable question of {@code questions}, labelled unanswerable: to be asked of other articles. */
    private static List<ScorerFit.Labelled> offTopic(List<EvalQuestion> questions) {
        return questions.stream().filter(q -> !q.unanswerable())
                .map(q -> new ScorerFit.Labelled("off-" + q.id(), q.question(), text -> false, false))
                .toList();
    }

    private static List<ScorerFit.Labelled> labelled(List<EvalQuestion> questions) {
        return questions.stream()
                .map(q -> new ScorerFit.Labelled(q.id(), q.question(), q::matches, !q.unanswerable()))
                .toList();
    }
}
