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

/** Questions about the things a small corpus tells of, which it does not answer: abstentions that claim nothing. */
class AbstentionTest {

    private static Engine engine;

    @BeforeAll
    static void start() throws IOException {
        Path corpus = FictionalCorpus.write();
        Files.writeString(corpus.resolve("beach.txt"), """
                Volunteers clear Brannock beach

                Volunteers from the Brannock harbour cleared the north beach of plastic on Saturday.
                The volunteers collected bottles, fishing nets and ropes washed up by the winter storms.
                The harbour master thanked the volunteers and said the beach would reopen to swimmers in May.
                """);
        engine = Engine.start(TestEngines.settings(corpus, TestEngines.tempDir("abstention-index"), Map.of()),
                s -> { }, (d, t, f) -> { });
    }

    @AfterAll
    static void stop() throws IOException {
        engine.close();
    }

    @Test
    void a_count_no_article_gives_is_not_answered_with_a_sentence_about_the_thing_counted() {
        Answer answer = engine.answers().ask("How many schools have booked the telescope?", null);

        assertThat(answer.abstained()).isTrue();
        assertThat(answer.answer()).doesNotContain("September");
    }

    @Test
    void a_how_many_question_is_not_answered_by_sentences_that_give_no_number() {
        Answer count = engine.answers().ask("How many volunteers cleared the beach?", null);
        Answer who = engine.answers().ask("Who cleared the north beach of plastic?", null);

        assertThat(count.abstained()).as(count.answer()).isTrue();
        assertThat(who.abstained()).as("the same sentence answers a question that asks for no number").isFalse();
        assertThat(who.answer()).contains("Volunteers from the Brannock harbour");
    }

    @Test
    void an_abstention_shows_the_closest_passage_marked_as_not_an_answer_and_quoted_verbatim() {
        Answer answer = engine.answers().ask("How many visitors came to the observatory on Tuesday?", null);

        assertThat(answer.abstained()).isTrue();
        assertThat(answer.answer()).contains("does not answer it").endsWith("[1]");
        assertThat(answer.citations()).singleElement().satisfies(c -> {
            assertThat(c.file()).isEqualTo("observatory.txt");
            String text = engine.corpus().article(c.file()).orElseThrow().text();
            assertThat(new String(text.codePoints().toArray(), c.start(), c.end() - c.start())).isEqualTo(c.quote());
        });
    }

    @Test
    void a_question_about_what_the_corpus_does_not_name_says_so_without_a_citation() {
        Answer answer = engine.answers().ask("How many drones did the Vellmar ferry company buy?", null);

        assertThat(answer.abstained()).isTrue();
        assertThat(answer.answer()).contains("Vellmar");
        assertThat(answer.citations()).isEmpty();
    }
}
