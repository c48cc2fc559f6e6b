package dev.newsdesk.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import dev.newsdesk.ingest.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline answerer over three short reports written for this test (a fictional harbour, so that every
 * answer can only come from them): short answers, quotes, statements several reports carry, and names the
 * articles never use.
 */
class ExtractiveAnswererTest {

    private static final String STATEMENT = "no crossing will be cancelled without notice, and the ferries will keep"
            + " sailing through the winter storms";

    private static Engine engine;
    private static AnswerService answers;
    private static Corpus corpus;

    @BeforeAll
    static void start() throws IOException {
        Path folder = TestEngines.tempDir("extractive-corpus");
        Files.writeString(folder.resolve("ferry.txt"), """
                Brannock harbour takes delivery of its first electric ferry

                The Brannock Ferry Authority (BFA) took delivery of the Selkie, its first electric ferry, on Monday.
                The longer-range model of the Selkie can travel more than 140 kilometres between charges, according to the builder.
                The ferry was built at a yard in Gdansk, where the Polish maritime minister, Irena Sadowska, attended its launch.
                Harbour master Olaf Brekke said: "%s."
                The dockworkers' union raised the threat of a strike over the new night shifts.
                Sunniva Dahl reported this story for the Brannock Gazette.
                """.formatted(capitalised(STATEMENT)));
        Files.writeString(folder.resolve("storms.txt"), """
                Stormy winter will not stop the island ferries, harbour says

                Forecasters expect an unusually stormy winter around the Brannock islands.
                Olaf Brekke, the harbour master, said that "%s."
                Fishing boats have been told to stay in port when the wind passes gale force.
                """.formatted(STATEMENT));
        Files.writeString(folder.resolve("council.txt"), """
                Council pays for two more ferries

                The Brannock council voted on Thursday to pay for two more electric ferries by 2029.
                Councillors quoted the harbour master, Olaf Brekke, who has said that "%s."
                The United States has given Brannock two patrol boats to guard its fishing grounds.
                """.formatted(STATEMENT));
        engine = Engine.start(TestEngines.settings(folder, TestEngines.tempDir("extractive-index"), Map.of()),
                s -> { }, (d, t, f) -> { });
        answers = engine.answers();
        corpus = engine.corpus();
    }

    @AfterAll
    static void stop() throws IOException {
        engine.close();
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void assertVerbatim(Answer answer) {
        for (Citation c : answer.citations()) {
            int[] text = corpus.article(c.file()).orElseThrow().text().codePoints().toArray();
            assertThat(new String(text, c.start(), c.end() - c.start())).isEqualTo(c.quote());
        }
    }

    @Test
    void answers_with_a_verbatim_quote_from_the_cited_file() {
        Answer answer = answers.ask("What does the name BFA stand for?", null);

        assertThat(answer.abstained()).isFalse();
        assertThat(answer.mode()).isEqualTo("extractive");
        assertThat(answer.answer()).contains("Brannock Ferry Authority").contains("[1]");
        assertThat(answer.citations()).extracting(Citation::file).containsOnly("ferry.txt");
        assertVerbatim(answer);
    }

    @Test
    void a_how_far_question_is_answered_with_a_distance() {
        Answer answer = answers.ask("How far can the longer-range model of the Selkie travel?", null);

        assertThat(answer.answer()).contains("140 kilometres");
        assertThat(answer.citations()).extracting(Citation::file).contains("ferry.txt");
    }

    @Test
    void leads_with_the_short_answer_and_marks_it_inside_the_cited_quote() {
        Answer answer = answers.ask("Please tell me: how far can the longer-range model of the Selkie travel?", null);

        assertThat(answer.answer()).startsWith("More than 140 kilometres [1]");
        Citation first = answer.citations().get(0);
        int[] text = corpus.article(first.file()).orElseThrow().text().codePoints().toArray();
        assertThat(first.answerStart()).isBetween(first.start(), first.end());
        assertThat(new String(text, first.answerStart(), first.answerEnd() - first.answerStart()))
                .isEqualTo("more than 140 kilometres");
        assertVerbatim(answer);
    }

    @Test
    void a_who_question_is_answered_with_a_name_not_just_shared_words() {
        Answer answer = answers.ask("Which reporter wrote the story for the Brannock Gazette?", null);

        assertThat(answer.answer()).contains("Sunniva Dahl");
    }

    @Test
    void a_statement_several_reports_carry_is_said_once_and_cites_all_of_them() {
        Answer answer = answers.ask("What did the harbour master say about cancelling crossings?", null);

        assertThat(answer.citations()).as(answer.answer())
                .filteredOn(c -> c.quote().contains("keep sailing through the winter storms"))
                .extracting(Citation::file).containsExactlyInAnyOrder("ferry.txt", "storms.txt", "council.txt");
        assertThat(answer.answer()).contains("reports agree");
        // The statement once, for all three reports (a short answer may lead with a part of it).
        assertThat(answer.answer().split("keep sailing through the winter storms", -1)).hasSize(2);
        assertVerbatim(answer);
    }

    @Test
    void a_word_form_the_articles_do_not_use_still_finds_the_answer() {
        Answer answer = answers.ask("What did the dockworkers' union threaten?", null);

        assertThat(answer.abstained()).isFalse();
        assertThat(answer.answer()).contains("threat of a strike");
    }

    @Test
    void abstains_when_the_question_names_something_the_articles_never_mention() {
        Answer answer = answers.ask("Did Irena Sadowska mention Norway?", null);

        assertThat(answer.abstained()).isTrue();
        assertThat(answer.citations()).isEmpty();
        assertThat(answer.answer()).contains("Norway");
    }

    @Test
    void names_each_unknown_name_once_when_abstaining() {
        Answer answer = answers.ask("How many Zephyr boats will Denmark send?", null);

        assertThat(answer.abstained()).isTrue();
        assertThat(answer.answer().split("Zephyr", -1)).hasSize(2);
        assertThat(answer.answer().split("Denmark", -1)).hasSize(2);
    }

    @Test
    void a_country_asked_about_by_its_abbreviation_is_found_under_the_name_the_articles_use() {
        Answer answer = answers.ask("What has the USA given Brannock?", null);

        assertThat(answer.abstained()).isFalse();
        assertThat(answer.answer()).contains("patrol boats").doesNotContain("USA");
    }

    @Test
    void a_country_name_matches_the_adjective_the_articles_use() {
        Answer answer = answers.ask("Who is the maritime minister of Poland?", null);

        assertThat(answer.abstained()).isFalse();
        assertThat(answer.answer()).contains("Sadowska");
    }
}
