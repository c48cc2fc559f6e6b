package dev.newsdesk.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisagreeingReportsTest {

    @Test
    void reports_of_different_dates_that_give_other_figures_are_both_cited_with_their_dates() throws Exception {
        Path corpus = TestEngines.tempDir("disagreeing-corpus");
        Files.writeString(corpus.resolve("early.md"), """
                ---
                title: Quay repairs begin
                source: Valley Herald
                published: 2031-03-02
                ---
                Quay repairs begin

                The harbour board said the Ostmere quay repairs will cost 4 million euros and take a year.
                """);
        Files.writeString(corpus.resolve("late.md"), """
                ---
                title: Quay repairs cost more
                source: Coast Courier
                published: 2031-06-20
                ---
                Quay repairs cost more

                The harbour board said the Ostmere quay repairs will cost 7 million euros and take a year.
                """);
        try (Engine engine = Engine.start(TestEngines.settings(corpus, TestEngines.tempDir("disagreeing-index"), Map.of()),
                s -> { }, (d, t, f) -> { })) {
            Answer answer = engine.answers().ask("How much will the Ostmere quay repairs cost?", null);

            assertThat(answer.answer()).contains("Reports of different dates disagree").contains("2031-03-02", "2031-06-20");
            assertThat(answer.citations()).extracting(Citation::file).contains("early.md", "late.md");
            assertThat(answer.citations()).extracting(Citation::published).contains("2031-03-02", "2031-06-20");
        }
    }
}
