package dev.newsdesk.cli;

import dev.newsdesk.answer.CitationVerifier;
import dev.newsdesk.answer.Engine;
import dev.newsdesk.eval.Evaluation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Grades answers to a question file: answered right, abstentions, citation precision,"
                + " verbatim quotes and latency percentiles.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--questions", paramLabel = "FILE", defaultValue = "eval/questions.jsonl",
            description = "JSONL questions (default: ${DEFAULT-VALUE}).")
    Path questions;

    @Option(names = {"-v", "--verbose"}, description = "List every question that went wrong.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        try (Engine engine = Engine.start(options.settings(), System.err::println, new ProgressBar(System.err))) {
            engine.warmUp();
            Evaluation evaluation = new Evaluation(engine.answers(), new CitationVerifier(engine.corpus()));
            Evaluation.Report report = evaluation.run(Evaluation.load(questions));
            if (verbose) {
                report.problems().forEach(System.out::println);
            }
            System.out.println(report.summary());
            return 0;
        }
    }
}
