package dev.newsdesk.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsdesk.TestEngines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerServiceTest {

    private final AnswerService answers = TestEngines.shared().answers();

    @Test
    void a_follow_up_is_answered_in_the_context_of_its_conversation() {
        Answer first = answers.ask("Who is the Secretary General of NATO?", null);
        Answer second = answers.ask("What did he say about lifting the restrictions?", first.conversation());

        assertThat(first.answer()).contains("Stoltenberg");
        assertThat(second.conversation()).isEqualTo(first.conversation());
        assertThat(second.answer()).contains("Stoltenberg", "time has come");
    }

    @Test
    void a_new_conversation_gets_a_server_made_id() {
        Answer answer = answers.ask("What does the name ATACMS stand for?", "  ");
        assertThat(answer.conversation()).matches("[0-9a-f\\-]{36}");
        assertThat(answer.ms()).isPositive();
    }

    @Test
    void empty_and_whitespace_questions_are_refused_with_what_to_do() {
        assertThatThrownBy(() -> answers.ask("   \t ", null)).isInstanceOf(InvalidQuestionException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> answers.ask(null, null)).isInstanceOf(InvalidQuestionException.class);
    }

    @Test
    void a_question_over_the_limit_is_refused_with_the_limit() {
        assertThatThrownBy(() -> answers.ask("a".repeat(100_000), null))
                .isInstanceOf(InvalidQuestionException.class)
                .hasMessageContaining("100000 characters").hasMessageContaining("limit is 2000");
    }

    @Test
    void control_characters_are_ignored() {
        Answer answer = answers.ask("What does\u0000 ATACMS\u0007 stand for?\u001b", null);
        assertThat(answer.answer()).containsIgnoringCase("Tactical Missile System");
    }

    @Test
    void a_question_in_another_language_gets_an_abstention_not_a_guess() {
        Answer answer = answers.ask("Quelle est la capitale de l'Australie ?", null);
        assertThat(answer.abstained()).isTrue();
    }

    @Test
    void a_malformed_conversation_id_is_refused() {
        assertThatThrownBy(() -> answers.ask("What does the name ATACMS stand for?", "../../etc/passwd"))
                .isInstanceOf(InvalidQuestionException.class).hasMessageContaining("conversation id");
    }

    @Test
    void listeners_hear_the_sources_then_the_text_of_the_answer() {
        List<String> events = new ArrayList<>();
        Answer answer = answers.ask("What does the name ATACMS stand for?", null, new AnswerListener() {
            @Override
            public void onSources(List<Citation> sources) {
                events.add("sources:" + sources.size());
            }

            @Override
            public void onDelta(String text) {
                events.add("delta:" + text);
            }
        });
        assertThat(events).containsExactly("sources:" + answer.citations().size(), "delta:" + answer.answer());
    }
}
