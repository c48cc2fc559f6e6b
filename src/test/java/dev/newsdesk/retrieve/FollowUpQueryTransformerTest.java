package dev.newsdesk.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.rag.query.Query;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Questions about people and things the seed articles never mention, so no answer hides a wrong rewrite. */
class FollowUpQueryTransformerTest {

    private static final String WREN_ASKED = "What did Tobias Wren say about the harbour?";
    private static final String WREN_ANSWERED = "Tobias Wren said the harbour will reopen in May. [1]";

    private final FollowUpQueryTransformer transformer = new FollowUpQueryTransformer();

    private List<String> transform(String question, List<ChatMessage> history) {
        UserMessage message = UserMessage.from(question);
        return transformer.transform(Query.from(question, Metadata.from(message, "c", history))).stream()
                .map(Query::text).toList();
    }

    /** The query answers are scored against, for {@code question} after one turn. */
    private String standalone(String lastQuestion, String lastAnswer, String question) {
        return afterOneTurn(lastQuestion, lastAnswer, question).get(0);
    }

    private List<String> afterOneTurn(String lastQuestion, String lastAnswer, String question) {
        return transform(question, List.of(UserMessage.from(lastQuestion), AiMessage.from(lastAnswer)));
    }

    /** A remembered question as the conversation holds it: as typed, with the standalone form retrieval used. */
    private static UserMessage asked(String typed, String standalone) {
        return UserMessage.builder().addContent(new TextContent(typed))
                .attributes(Map.of(FollowUpQueryTransformer.STANDALONE, standalone)).build();
    }

    @Test
    void replaces_a_pronoun_with_the_person_the_last_answer_named() {
        List<String> queries = afterOneTurn("Who directs the Lyon observatory?",
                "Margit Halvorsen, director of the observatory since 2019, said … [1]",
                "Where did he announce his new telescope?");

        assertThat(queries.get(0)).isEqualTo("Where did Margit Halvorsen announce Margit Halvorsen's new telescope?");
        assertThat(queries.get(1)).endsWith("Who directs the Lyon observatory?");
    }

    @Test
    void prefers_the_person_the_last_question_named() {
        assertThat(standalone(WREN_ASKED, "The harbour will reopen in May, Odile Marchetti agreed.", "Where was he?"))
                .isEqualTo("Where was Tobias Wren?");
    }

    @Test
    void keeps_a_question_that_names_its_own_subject() {
        assertThat(standalone(WREN_ASKED, WREN_ANSWERED, "What did Odile Marchetti say during her visit to the docks?"))
                .isEqualTo("What did Odile Marchetti say during her visit to the docks?");
    }

    @Test
    void keeps_a_question_whose_single_name_or_described_person_comes_before_the_pronoun() {
        assertThat(standalone(WREN_ASKED, WREN_ANSWERED, "What did Marchetti promise in his speech?"))
                .isEqualTo("What did Marchetti promise in his speech?");
        assertThat(standalone(WREN_ASKED, WREN_ANSWERED, "Why did the mayor cancel her trip?"))
                .isEqualTo("Why did the mayor cancel her trip?");
    }

    @Test
    void takes_the_answers_full_name_for_a_person_the_last_question_named_in_part() {
        assertThat(standalone("What did Wren say about the harbour?",
                "Odile Marchetti and Tobias Wren agreed the harbour will reopen. [1]", "When did he say it?"))
                .isEqualTo("When did Tobias Wren say it?");
    }

    @Test
    void leaves_the_question_as_typed_when_the_conversation_names_no_one() {
        List<String> queries = afterOneTurn("When does the ferry season start?",
                "The ferries run from the first of April. [1]", "What did she say about the delays?");

        assertThat(queries.get(0)).isEqualTo("What did she say about the delays?");
        assertThat(queries.get(1)).endsWith("When does the ferry season start?");
    }

    @Test
    void looks_for_the_person_in_what_was_typed_before_a_rewrite() {
        // The earlier turn was rewritten badly; what the user typed still names the right person.
        List<ChatMessage> history = List.of(
                asked("What did Odile Marchetti say during her visit?", "What did Odile Marchetti say during Tobias Wren's visit?"),
                AiMessage.from("Tobias Wren welcomed Odile Marchetti to the docks. [1]"));

        assertThat(transform("Where did she go next?", history).get(0)).isEqualTo("Where did Odile Marchetti go next?");
    }

    @Test
    void keeps_the_subject_through_a_chain_of_follow_ups() {
        List<ChatMessage> history = List.of(
                UserMessage.from("Who directs the Lyon observatory?"),
                AiMessage.from("Margit Halvorsen directs it. [1]"),
                asked("When did she open the dome?", "When did Margit Halvorsen open the dome?"),
                AiMessage.from("The dome opened in March, the city council said. [1]"));

        assertThat(transform("What did she say at the opening?", history).get(0))
                .isEqualTo("What did Margit Halvorsen say at the opening?");
    }

    @Test
    void carries_the_last_topic_as_context_for_a_thing_pronoun() {
        List<String> queries = afterOneTurn("Which cargo drone did the postal service buy?",
                "The postal service bought the Kestrel K4. [1]", "And how far can it fly?");

        assertThat(queries.get(0)).isEqualTo("And how far can it fly? (cargo drone)");
        assertThat(queries.get(1)).isEqualTo("And how far can it fly? (cargo drone) Which cargo drone did the postal service buy?");
    }

    @Test
    void takes_the_subject_after_an_auxiliary_without_its_verb_as_the_topic() {
        assertThat(standalone("When did the night ferry service start?", "It started in 2011. [1]", "How much does it cost?"))
                .isEqualTo("How much does it cost? (night ferry service)");
    }

    @Test
    void looks_past_a_follow_up_for_the_topic_of_a_chain() {
        List<ChatMessage> history = List.of(
                UserMessage.from("How many turbines does the offshore wind farm have?"),
                AiMessage.from("It has 62 turbines. [1]"),
                UserMessage.from("When was it finished?"),
                AiMessage.from("It was finished in 2021. [1]"));

        assertThat(transform("Who paid for it?", history).get(0)).isEqualTo("Who paid for it? (turbines)");
    }

    @Test
    void opens_with_and_as_a_follow_up_without_any_pronoun() {
        assertThat(standalone("How many turbines does the wind farm have?", "It has 62 turbines. [1]",
                "What about the second phase?")).isEqualTo("What about the second phase? (turbines)");
    }

    @Test
    void leaves_a_standalone_question_and_a_first_question_alone() {
        List<ChatMessage> history = List.of(UserMessage.from("Who is Wren?"), AiMessage.from("Tobias Wren is …"));
        assertThat(transform("How long is the Brannock tunnel?", history)).containsExactly("How long is the Brannock tunnel?");
        assertThat(transform("What did he say?", List.of())).containsExactly("What did he say?");
    }

    @Test
    void tells_which_questions_lean_on_an_earlier_turn() {
        assertThat(FollowUpQueryTransformer.refersBack("Where did he go next?")).isTrue();
        assertThat(FollowUpQueryTransformer.refersBack("How long is it?")).isTrue();
        assertThat(FollowUpQueryTransformer.refersBack("And in winter?")).isTrue();
        assertThat(FollowUpQueryTransformer.refersBack("What did Marchetti say in her speech?")).isFalse();
        assertThat(FollowUpQueryTransformer.refersBack("How long is the Brannock tunnel?")).isFalse();
    }
}
