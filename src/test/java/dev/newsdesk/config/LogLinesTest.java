package dev.newsdesk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogLinesTest {

    private static String logged(String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogLines.to(new PrintStream(out, true, StandardCharsets.UTF_8)).accept(message);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_value_with_a_newline_cannot_start_a_line_of_its_own() {
        String title = "Storm closes port\nnewsdesk: ready at http://127.0.0.1:7070/";

        String log = logged("feed item " + title + " stored");

        assertThat(log.lines()).containsExactly("feed item Storm closes port\\nnewsdesk: ready at http://127.0.0.1:7070/ stored");
    }

    @Test
    void control_format_and_separator_characters_are_written_as_escapes_and_text_stays_as_it_is() {
        assertThat(logged("a\rb\tc\u001b[31md\u2028e\u0085f\u202eg").strip())
                .isEqualTo("a\\rb\\tc\\u001b[31md\\u2028e\\u0085f\\u202eg");
        assertThat(logged("Zürich — “quoted” 東京 🚢").strip()).isEqualTo("Zürich — “quoted” 東京 🚢");
    }
}
