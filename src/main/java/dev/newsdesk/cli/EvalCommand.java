package dev.newsdesk.cli;

import dev.newsdesk.answer.Pipeline;
import dev.newsdesk.answer.Scorer;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import dev.newsdesk.eval.Evaluation;
import dev.newsdesk.eval.SquadEvaluation;
import dev.newsdesk.read.Reader;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Grades answers to a question file: answered right, abstentions, citation precision,"
                + " verbatim quotes and latency percentiles.", "With --squad, scores the reader alone on a SQuAD 2.0 file,"
                + " each question given its paragraph: SQuAD's official exact match and F1."})
final class EvalCommand implements Callable<Integer> {

    private final Parts parts;

    EvalCommand(Parts parts) {
        this.parts = parts;
    }

    @Mixin
    CommonOptions options;

    @Option(names = "--questions", paramLabel = "FILE", defaultValue = "eval/questions.jsonl",
            description = "JSONL questions (default: ${DEFAULT-VALUE}).")
    Path questions;

    @Option(names = {"-v", "--verbose"}, description = "List every question that went wrong.")
    boolean verbose;

    @Option(names = "--squad", paramLabel = "FILE",
            description = "A file in SQuAD 2.0's JSON layout: score the reader given each question's paragraph.")
    Path squad;

    @Override
    public Integer call() throws Exception {
        if (squad != null) {
            return squad();
        }
        try (Pipeline engine = parts.start(options.settings(), System.err::println, new ProgressBar(System.err))) {
            engine.warmUp();
            Evaluation evaluation = parts.evaluation(engine);
            Evaluation.Report report = evaluation.run(Evaluation.load(questions));
            if (verbose) {
                report.problems().forEach(System.out::println);
            }
            System.out.println(report.summary());
            return 0;
        }
    }

    /**
     * The reader alone on {@code squad}: at the margin {@code fit} chose on other articles, at margin 0 (the
     * reader's own rule), and at the best margin for this very file (the official script's best_f1, an
     * upper bound, not a result). Articles the margin was fitted on are reported apart.
     */
    private Integer squad() {
        Settings settings = options.settings();
        Scorer scorer = parts.scorer(settings.scorer(), true);
        if (!scorer.usesReader()) {
            throw new NewsdeskException("The scorer was fitted without the reader, so it has no reader margin; unset"
                    + " NEWSDESK_SCORER or give one that 'newsdesk fit' wrote with the reader on.");
        }
        Reader reader = parts.reader(settings.reading());
        Set<String> fittedOn = new HashSet<>();
        scorer.fitted().path("reader_margin_articles").forEach(t -> fittedOn.add(t.asText()));
        List<SquadEvaluation.Prediction> all = SquadEvaluation.read(reader, squad, title -> true);
        List<SquadEvaluation.Prediction> unseen = all.stream().filter(p -> !fittedOn.contains(p.article())).toList();
        double margin = scorer.readerMargin();
        System.out.printf(Locale.ROOT, "%s on %s%n", reader.id(), squad);
        if (unseen.size() < all.size()) {
            System.out.printf(Locale.ROOT, "articles the margin was fitted on: %s%n", all.stream()
                    .map(SquadEvaluation.Prediction::article).distinct().filter(fittedOn::contains).toList());
            System.out.printf(Locale.ROOT, "  fitted margin %.2f, those articles: %s%n", margin, SquadEvaluation.score(
                    all.stream().filter(p -> fittedOn.contains(p.article())).toList(), margin).summary());
        }
        System.out.printf(Locale.ROOT, "fitted margin %.2f: %s%n", margin, SquadEvaluation.score(unseen, margin).summary());
        System.out.printf(Locale.ROOT, "margin 0: %s%n", SquadEvaluation.score(unseen, 0).summary());
        double best = SquadEvaluation.bestMargin(unseen);
        System.out.printf(Locale.ROOT, "best margin for these answers (%.2f, chosen on them: an upper bound): %s%n", best,
                SquadEvaluation.score(unseen, best).summary());
        return 0;
    }
}
