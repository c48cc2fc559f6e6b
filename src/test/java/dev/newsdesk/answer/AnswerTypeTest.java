package dev.newsdesk.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerTypeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "How far can the new ferry sail on one tank? | DISTANCE",
            "How many buses did the council buy?         | COUNT",
            "What number of buses did the council buy?   | COUNT",
            "How much did the bridge cost?               | AMOUNT",
            "Who opened the museum?                      | PERSON",
            "Who is Ada Quill?                           | NONE",
            "Who is the Harbour Board's Chief Engineer?  | PERSON",
            "Which senator blocked the bill?             | PERSON",
            "In which town was the festival held?        | PLACE",
            "What year was the abbey founded?            | DATE",
            "What did the mayor promise?                 | NONE"})
    void reads_the_kind_of_thing_a_question_asks_for(String question, AnswerType type) {
        assertThat(AnswerType.of(question)).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DISTANCE | The ferry can sail more than 180 miles before refuelling. | more than 180 miles",
            "DISTANCE | A 40-km exclusion zone was set up.                         | 40-km",
            "AMOUNT   | The council approved $3.74 billion in repairs.             | $3.74 billion",
            "AMOUNT   | About 12 percent of riders complained.                     | About 12 percent",
            "DATE     | The abbey was founded in 1263 by monks.                    | 1263"})
    void finds_the_thing_with_its_qualifier_in_a_sentence(AnswerType type, String sentence, String span) {
        assertThat(type.spans(sentence, "")).extracting(ShortAnswer.Span::text).containsExactly(span);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "How many buses did the council buy?",
            "What number of buses did the council buy?"})
    void a_count_is_offered_by_a_number_next_to_the_counted_noun_however_the_count_is_asked(String question) {
        AnswerType type = AnswerType.of(question);

        assertThat(type.offeredBy("The council bought 14 electric buses in May.", question, w -> false)).isTrue();
        assertThat(type.offeredBy("The council bought electric buses for 14 routes.", question, w -> false)).isFalse();
        assertThat(type.spans("The council bought 14 electric buses in May.", question))
                .extracting(ShortAnswer.Span::text).containsExactly("14");
    }
}
