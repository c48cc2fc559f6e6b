package dev.newsdesk.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuestionWordsTest {

    private final QuestionWords words = new QuestionWords();

    @Test
    void keeps_what_a_question_is_about_without_its_scaffolding() {
        assertThat(words.essentials("What did the mayor of the harbour town say about the ferry?"))
                .isEqualTo("mayor harbour town say about ferry");
    }

    @Test
    void a_question_of_scaffolding_only_is_kept_as_asked() {
        assertThat(words.essentials("Who is it?")).isEqualTo("Who is it?");
    }

    @Test
    void drops_the_request_formula_around_a_question() {
        assertThat(words.unwrap("Please tell me: when does the ferry leave?")).isEqualTo("when does the ferry leave?");
        assertThat(words.unwrap("Can you tell me who won the race?")).isEqualTo("who won the race?");
    }

    @Test
    void interrogatives_auxiliaries_and_pronouns_are_function_words_content_words_are_not() {
        assertThat(words.isFunctionWord("Whom")).isTrue();
        assertThat(words.isFunctionWord("could")).isTrue();
        assertThat(words.isFunctionWord("their")).isTrue();
        assertThat(words.isFunctionWord("ferry")).isFalse();
    }
}
