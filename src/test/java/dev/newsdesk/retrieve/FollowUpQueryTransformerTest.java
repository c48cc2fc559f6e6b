package dev.newsdesk.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.rag.query.Query;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowUpQueryTransformerTest {

    private final FollowUpQueryTransformer transformer = new FollowUpQueryTransformer();

    private List<String> transform(String question, List<ChatMessage> history) {
        UserMessage message = UserMessage.from(question);
        return transformer.transform(Query.from(question, Metadata.from(message, "c", history))).stream()
                .map(Query::text).toList();
    }

    @Test
    void replaces_a_pronoun_with_the_person_the_last_answer_named() {
        List<ChatMessage> history = List.of(UserMessage.from("Who is NATO's Secretary General?"),
                AiMessage.from("Jens Stoltenberg, secretary general of the North Atlantic Treaty Organization, said … [1]"));

        List<String> queries = transform("Where did he make his remarks about lifting the restrictions?", history);

        assertThat(queries.get(0))
                .isEqualTo("Where did Jens Stoltenberg make Jens Stoltenberg's remarks about lifting the restrictions?");
        assertThat(queries.get(1)).endsWith("Who is NATO's Secretary General?");
    }

    @Test
    void prefers_the_person_the_last_question_named() {
        List<ChatMessage> history = List.of(UserMessage.from("What did Emmanuel Macron say?"),
                AiMessage.from("Ukraine should be allowed to strike, Lars Rasmussen agreed."));

        assertThat(transform("Where was he?", history).get(0)).isEqualTo("Where was Emmanuel Macron?");
    }

    @Test
    void leaves_a_standalone_question_and_a_first_question_alone() {
        List<ChatMessage> history = List.of(UserMessage.from("Who is Kirby?"), AiMessage.from("John Kirby is …"));
        assertThat(transform("What does ATACMS stand for?", history)).containsExactly("What does ATACMS stand for?");
        assertThat(transform("What did he say?", List.of())).containsExactly("What did he say?");
    }
}
