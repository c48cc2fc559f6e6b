package dev.newsdesk.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.newsdesk.answer.Conversations.Turn;
import dev.newsdesk.retrieve.FollowUpQueryTransformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationsTest {

    private static final Turn FIRST = new Turn("Who runs the ferry?", "Who runs the ferry?", "Ada Quill runs it. [1]");
    private static final Turn SECOND = new Turn("When did she start?", "When did Ada Quill start?", "In 2019. [1]");

    @TempDir
    Path folder;

    @Test
    void continues_a_conversation_in_a_new_instance_over_the_same_folder() {
        Conversations before = new Conversations(folder, 100, Duration.ofHours(1));
        before.append("ferry-1", FIRST);
        before.append("ferry-1", SECOND);
        before.close(); // files are written in the background; closing writes what is waiting

        Conversations after = new Conversations(folder, 100, Duration.ofHours(1));

        assertThat(after.turns("ferry-1")).containsExactly(FIRST, SECOND);
        assertThat(after.turns("never-asked")).isEmpty();
    }

    @Test
    void keeps_what_was_typed_and_gives_the_standalone_form_to_retrieval_as_an_attribute() {
        List<?> messages = Conversations.messages(List.of(SECOND));

        UserMessage question = (UserMessage) messages.get(0);
        assertThat(question.singleText()).isEqualTo("When did she start?");
        assertThat(FollowUpQueryTransformer.standalone(question)).isEqualTo("When did Ada Quill start?");
        assertThat(((AiMessage) messages.get(1)).text()).isEqualTo("In 2019. [1]");
    }

    @Test
    void keeps_the_last_five_turns_of_a_conversation() {
        Conversations conversations = new Conversations(folder, 100, Duration.ofHours(1));
        IntStream.range(0, 7).forEach(i -> conversations.append("long", new Turn("q" + i, "q" + i, "a" + i)));
        conversations.close();

        List<Turn> reloaded = new Conversations(folder, 100, Duration.ofHours(1)).turns("long");

        assertThat(reloaded).extracting(Turn::question).containsExactly("q2", "q3", "q4", "q5", "q6");
    }

    @Test
    void forgets_a_saved_conversation_idle_longer_than_allowed() throws IOException {
        try (Conversations conversations = new Conversations(folder, 100, Duration.ofHours(1))) {
            conversations.append("old", FIRST);
        }
        Files.setLastModifiedTime(folder.resolve("old.json"), FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        assertThat(new Conversations(folder, 100, Duration.ofHours(1)).turns("old")).isEmpty();
        assertThat(folder.resolve("old.json")).doesNotExist();
    }

    @Test
    void prunes_the_oldest_saved_conversations_beyond_the_maximum_on_start() throws IOException {
        try (Conversations conversations = new Conversations(folder, 100, Duration.ofHours(1))) {
            for (int i = 0; i < 5; i++) {
                conversations.append("c" + i, FIRST);
            }
        }
        for (int i = 0; i < 5; i++) {
            Files.setLastModifiedTime(folder.resolve("c" + i + ".json"), FileTime.from(Instant.now().minusSeconds(60 - i)));
        }

        new Conversations(folder, 3, Duration.ofHours(1));

        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("c2.json", "c3.json", "c4.json");
        }
    }

    @Test
    void a_folder_that_cannot_be_written_keeps_the_conversation_in_memory() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("a-file"), "x");
        Conversations conversations = new Conversations(notAFolder, 100, Duration.ofHours(1));

        conversations.append("kept", FIRST);

        assertThat(conversations.turns("kept")).containsExactly(FIRST);
    }

    @Test
    void never_makes_a_file_name_from_an_id_it_would_refuse() {
        Conversations conversations = new Conversations(folder, 100, Duration.ofHours(1));
        assertThatThrownBy(() -> conversations.turns("../escape")).isInstanceOf(IllegalArgumentException.class);
        assertThat(folder.getParent().resolve("escape.json")).doesNotExist();
    }
}
