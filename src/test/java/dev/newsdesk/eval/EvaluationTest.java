package dev.newsdesk.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.answer.CitationVerifier;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The project's own evaluation set must keep the figures reached when it was calibrated. */
class EvaluationTest {

    @Test
    void the_own_question_set_stays_at_the_bar() {
        List<EvalQuestion> questions = Evaluation.load(Path.of("eval/questions.jsonl"));
        Evaluation evaluation = new Evaluation(TestEngines.shared().answers(),
                new CitationVerifier(TestEngines.shared().corpus()));

        Evaluation.Report report = evaluation.run(questions);

        assertThat(report.answerable()).isGreaterThanOrEqualTo(40 + 10);
        assertThat(report.unanswerable()).isGreaterThanOrEqualTo(10);
        assertThat(report.accuracy()).as(report.summary() + "\n" + report.problems()).isGreaterThanOrEqualTo(0.95);
        assertThat(report.abstainedRight()).as(report.problems().toString()).isEqualTo(report.unanswerable());
        assertThat(report.falseAbstentions()).as(report.problems().toString()).isLessThanOrEqualTo(1);
        assertThat(report.citationPrecision()).isGreaterThanOrEqualTo(0.9);
        assertThat(report.verbatim()).isEqualTo(report.citations());
    }
}
