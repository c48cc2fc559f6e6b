package dev.newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.Citation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code ask} prints an answer for a person, with the metadata and short answer citations may carry. */
class TerminalAnswerTest {

    private static final String QUOTE = "Finnish Foreign Minister Elina Valtonen similarly stated that Finland had not"
            + " specified to Kyiv any restrictions on how Ukraine could use Finnish weapons.";
    private static final int START = 1000;
    private static final Citation CITED = new Citation(1, "002_b7bae2f023295e45.txt", "Allies weigh the rules", QUOTE,
            START, START + QUOTE.length(), START + 25, START + 39, "The Daily Example", "https://news.example/a",
            "2024-05-22T09:30:00Z");
    private static final Answer ANSWER = new Answer("Elina Valtonen [1]", false, List.of(CITED), Answer.EXTRACTIVE,
            12, "c-1", null, null);

    @Test
    void a_source_is_named_by_outlet_date_and_headline_with_its_quote_and_link() {
        String printed = new TerminalAnswer(80, false).render(ANSWER);

        assertThat(printed).contains("  [1] The Daily Example · 22 May 2024 · Allies weigh the rules\n")
                .contains("      “Finnish Foreign Minister Elina Valtonen similarly")
                .contains("002_b7bae2f023295e45.txt, chars 1000-1154 · https://news.example/a")
                .contains("(quoted from the articles, 12 ms, conversation c-1)");
    }

    @Test
    void a_quote_the_answer_already_says_is_not_printed_again() {
        Answer saysIt = new Answer(QUOTE + " [1]", false, List.of(CITED), Answer.EXTRACTIVE, 12, "c-1", null, null);

        String printed = new TerminalAnswer(200, false).render(saysIt);

        assertThat(printed.split("Elina Valtonen", -1)).hasSize(2);
    }

    @Test
    void in_colour_the_short_answer_and_the_markers_stand_out() {
        String printed = new TerminalAnswer(80, true).render(ANSWER);

        assertThat(printed).contains("\u001b[33;1mElina Valtonen\u001b[0m similarly")
                .contains("Elina Valtonen \u001b[36m[1]\u001b[0m");
    }

    @Test
    void a_terminal_narrower_than_twenty_columns_is_printed_for_twenty() {
        assertThat(new TerminalAnswer(5, false).render(ANSWER)).isEqualTo(new TerminalAnswer(20, false).render(ANSWER));
    }
}
