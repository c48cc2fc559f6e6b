package dev.newsdesk.answer.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsdesk.config.NewsdeskException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptsTest {

    @TempDir
    Path folder;

    @Test
    void the_shipped_prompts_load_and_fill_their_variables() {
        Prompts prompts = Prompts.load(Path.of("prompts"));

        assertThat(prompts.system()).contains(Prompts.NOT_IN_SOURCES);
        assertThat(prompts.answer().apply(Map.of("question", "Q?", "sources", "<source n=\"1\">S</source>")).text())
                .contains("Q?").contains("<source n=\"1\">S</source>");
        assertThat(prompts.condense().apply(Map.of("history", "User: A", "question", "B?")).text())
                .contains("User: A").contains("B?");
    }

    @Test
    void a_missing_file_fails_naming_the_file_and_the_folder() throws IOException {
        Files.writeString(folder.resolve("system.txt"), "Reply NOT_IN_SOURCES when unsure.");

        assertThatThrownBy(() -> Prompts.load(folder)).isInstanceOf(NewsdeskException.class)
                .hasMessageContaining("answer.txt").hasMessageContaining(folder.toAbsolutePath().toString())
                .hasMessageContaining("NEWSDESK_PROMPTS");
    }

    @Test
    void a_template_without_its_variable_fails_saying_which_is_missing() throws IOException {
        Files.writeString(folder.resolve("system.txt"), "Reply NOT_IN_SOURCES when unsure.");
        Files.writeString(folder.resolve("answer.txt"), "{{question}} only");
        Files.writeString(folder.resolve("condense.txt"), "{{history}} {{question}}");

        assertThatThrownBy(() -> Prompts.load(folder)).isInstanceOf(NewsdeskException.class)
                .hasMessageContaining("answer.txt").hasMessageContaining("{{sources}}");
    }

    @Test
    void a_system_prompt_without_the_refusal_marker_is_rejected() throws IOException {
        Files.writeString(folder.resolve("system.txt"), "Answer anything.");

        assertThatThrownBy(() -> Prompts.load(folder)).hasMessageContaining("system.txt")
                .hasMessageContaining(Prompts.NOT_IN_SOURCES);
    }
}
