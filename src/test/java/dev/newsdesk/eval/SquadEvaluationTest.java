package dev.newsdesk.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SQuAD 2.0's official measures, on answers made up for the test. */
class SquadEvaluationTest {

    @Test
    void normalises_as_the_official_script_does() {
        assertThat(SquadEvaluation.normalize("The  Battle of Hastings!")).isEqualTo("battle of hastings");
        assertThat(SquadEvaluation.normalize("an apple, a pear")).isEqualTo("apple pear");
    }

    @Test
    void f1_counts_shared_words_after_normalising() {
        // Two of four predicted words are right (precision 1/2) and both gold words are found (recall 1).
        assertThat(SquadEvaluation.f1("the Norman conquest", "Norman conquest of England")).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(SquadEvaluation.f1("1066", "in 1066")).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(SquadEvaluation.f1("1066", "1067")).isZero();
    }

    @Test
    void an_unanswerable_question_is_right_only_when_nothing_is_said() {
        List<SquadEvaluation.Prediction> predictions = List.of(
                new SquadEvaluation.Prediction("a", "T", List.of("1066"), "in 1066", 4.0),
                new SquadEvaluation.Prediction("b", "T", List.of(), "1067", -2.0),
                new SquadEvaluation.Prediction("c", "T", List.of(), "William", 3.0));

        SquadEvaluation.Scores scores = SquadEvaluation.score(predictions, 0);

        assertThat(scores.answerableF1()).isCloseTo(100 * 2 / 3.0, within(1e-9));
        assertThat(scores.answerableExact()).isZero();
        assertThat(scores.unanswerableExact()).isEqualTo(50);
        assertThat(scores.f1()).isCloseTo(100 * (2 / 3.0 + 1) / 3, within(1e-9));
    }

    @Test
    void the_best_margin_answers_what_helps_and_keeps_quiet_where_speaking_hurts() {
        List<SquadEvaluation.Prediction> predictions = List.of(
                new SquadEvaluation.Prediction("a", "T", List.of("1066"), "1066", 6.0),
                new SquadEvaluation.Prediction("b", "T", List.of("Harold"), "Harold", 4.0),
                new SquadEvaluation.Prediction("c", "T", List.of(), "William", 2.0),
                new SquadEvaluation.Prediction("d", "T", List.of(), "York", 1.0));

        double margin = SquadEvaluation.bestMargin(predictions);

        assertThat(margin).isBetween(2.0, 4.0);
        assertThat(SquadEvaluation.score(predictions, margin).f1()).isEqualTo(100);
    }
}
