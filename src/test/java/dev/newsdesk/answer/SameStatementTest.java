package dev.newsdesk.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Statements reprinted across reports are said once; near-identical sentences with other facts are not merged. */
class SameStatementTest {

    private static Engine engine;

    @BeforeAll
    static void start() throws IOException {
        Path corpus = TestEngines.tempDir("same-statement-corpus");
        Files.writeString(corpus.resolve("a.txt"), "Mills report\n\nThe Zelikl works employs 5108 people in the valley, the owners said.\n"
                + "\"We will keep every job until the new line opens,\" the mayor of Ostmere told reporters.\n");
        Files.writeString(corpus.resolve("b.txt"), "Valley jobs\n\nThe Zeljwy works employs 6104 people in the valley, the owners said.\n"
                + "'We will keep every job until the new line opens,' the mayor of Ostmere told reporters on Friday.\n");
        engine = Engine.start(TestEngines.settings(corpus, TestEngines.tempDir("same-statement-index"), Map.of()),
                s -> { }, (d, t, f) -> { });
    }

    @AfterAll
    static void stop() throws IOException {
        engine.close();
    }

    @Test
    void a_quote_two_reports_print_is_said_once_citing_both() {
        Answer answer = engine.answers().ask("What did the mayor of Ostmere promise about the jobs?", null);
        assertThat(answer.citations()).extracting(Citation::file).contains("a.txt", "b.txt");
        assertThat(answer.answer()).contains("2 reports agree");
    }

    @Test
    void sentences_that_differ_in_a_figure_or_a_name_are_two_statements() {
        Answer answer = engine.answers().ask("How many people does the Zeljwy works employ?", null);
        assertThat(answer.answer()).contains("6104").doesNotContain("reports agree");
        assertThat(answer.citations()).extracting(Citation::file).containsOnly("b.txt");
    }
}
