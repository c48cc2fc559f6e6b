package dev.newsdesk.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.FictionalCorpus;
import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Answers read by the reader, over articles written for the test, beside the same engine with the reader off. */
class ReaderAnswersTest {

    private static Path corpus;
    private static Engine reading;
    private static Engine notReading;

    @BeforeAll
    static void start() {
        corpus = FictionalCorpus.write();
        reading = Engine.start(TestEngines.settings(corpus, TestEngines.tempDir("reader-on"), Map.of()), s -> { },
                (d, t, f) -> { });
        notReading = Engine.start(TestEngines.settings(corpus, TestEngines.tempDir("reader-off"),
                Map.of("NEWSDESK_READER", "off")), s -> { }, (d, t, f) -> { });
    }

    @AfterAll
    static void stop() throws IOException {
        reading.close();
        notReading.close();
    }

    @Test
    void leads_with_the_span_the_reader_points_at_marked_in_the_files_own_characters() throws IOException {
        Answer answer = reading.answers().ask("How far can one of the drones fly on a single charge?", null);

        assertThat(answer.abstained()).isFalse();
        assertThat(answer.answer()).startsWith("85 kilometres [1]");
        Citation first = answer.citations().get(0);
        int[] text = Files.readString(corpus.resolve(first.file())).codePoints().toArray();
        assertThat(new String(text, first.answerStart(), first.answerEnd() - first.answerStart())).isEqualTo("85 kilometres");
        assertThat(answer.reader()).isEqualTo(reading.health().reader()).startsWith("newsdesk-reader-minilm-l6-int8@");
    }

    @Test
    void gives_a_short_answer_where_no_rule_of_answer_types_would() {
        String question = "What will local schools be able to book?";

        Answer read = reading.answers().ask(question, null);
        Answer notRead = notReading.answers().ask(question, null);

        assertThat(read.answer()).startsWith("A telescope [1]").contains("The dome houses a telescope");
        assertThat(notRead.answer()).startsWith("The dome houses a telescope");
    }

    @Test
    void with_the_reader_off_answers_name_no_reader_and_health_says_off() {
        Answer answer = notReading.answers().ask("How far can one of the drones fly on a single charge?", null);

        assertThat(answer.reader()).isNull();
        assertThat(notReading.health().reader()).isEqualTo("off");
        assertThat(notReading.readingMillis()).isZero();
    }
}
