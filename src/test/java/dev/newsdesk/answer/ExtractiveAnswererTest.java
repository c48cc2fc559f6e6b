package dev.newsdesk.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.ingest.Corpus;
import org.junit.jupiter.api.Test;

class ExtractiveAnswererTest {

    private final AnswerService answers = TestEngines.shared().answers();
    private final Corpus corpus = TestEngines.shared().corpus();

    private void assertVerbatim(Answer answer) {
        for (Citation c : answer.citations()) {
            int[] text = corpus.article(c.file()).orElseThrow().text().codePoints().toArray();
            assertThat(new String(text, c.start(), c.end() - c.start())).isEqualTo(c.quote());
        }
    }

    @Test
    void answers_with_a_verbatim_quote_from_the_cited_file() {
        Answer answer = answers.ask("What does the name ATACMS stand for?", null);

        assertThat(answer.abstained()).isFalse();
        assertThat(answer.mode()).isEqualTo("extractive");
        assertThat(answer.answer()).containsIgnoringCase("Tactical Missile System").contains("[1]");
        assertThat(answer.citations()).isNotEmpty();
        assertVerbatim(answer);
    }

    @Test
    void a_how_far_question_is_answered_with_a_distance() {
        Answer answer = answers.ask("How far can the longer-range version of ATACMS travel?", null);
        assertThat(answer.answer()).contains("180 miles");
        assertThat(answer.citations()).extracting(Citation::file).contains("001_8c75088e5995e160.txt");
    }

    @Test
    void a_who_question_is_answered_with_a_name_not_just_shared_words() {
        Answer answer = answers.ask("Which reporter wrote the story for Just the News?", null);
        assertThat(answer.answer()).contains("Misty Severi");
    }

    @Test
    void a_statement_several_reports_carry_is_said_once_and_cites_all_of_them() {
        Answer answer = answers.ask("What did Kirby say about enabling attacks using U.S. weapons on Russian soil?", null);

        assertThat(answer.citations()).extracting(Citation::file).doesNotHaveDuplicates()
                .contains("000_41b7cba08cfcfee1.txt", "001_8c75088e5995e160.txt", "004_c09fe07be83af27f.txt");
        assertThat(answer.answer()).contains("reports agree");
        // The statement once, for all three reports (a short answer may lead with a part of it).
        assertThat(answer.answer().split("nor do we enable attacks", -1)).hasSize(2);
        assertVerbatim(answer);
    }

    @Test
    void abstains_when_the_question_names_something_the_articles_never_mention() {
        Answer answer = answers.ask("Did Blinken mention Taiwan?", null);
        assertThat(answer.abstained()).isTrue();
        assertThat(answer.citations()).isEmpty();
        assertThat(answer.answer()).contains("Taiwan");
    }

    @Test
    void a_word_form_the_articles_do_not_use_still_finds_the_answer() {
        Answer answer = answers.ask("What did Putin threaten?", null);
        assertThat(answer.abstained()).isFalse();
        assertThat(answer.answer()).contains("threat of a global conflict");
    }

    @Test
    void names_each_unknown_name_once_when_abstaining() {
        Answer answer = answers.ask("How many F-16s will Denmark send?", null);
        assertThat(answer.abstained()).isTrue();
        assertThat(answer.answer().split("F-16s", -1)).hasSize(2);
    }

    @Test
    void leads_with_the_short_answer_and_marks_it_inside_the_cited_quote() {
        Answer answer = answers.ask("Please tell me: how far can the longer-range version of ATACMS travel?", null);

        assertThat(answer.answer()).startsWith("More than 180 miles [1]");
        Citation first = answer.citations().get(0);
        int[] text = corpus.article(first.file()).orElseThrow().text().codePoints().toArray();
        assertThat(first.answerStart()).isBetween(first.start(), first.end());
        assertThat(new String(text, first.answerStart(), first.answerEnd() - first.answerStart())).isEqualTo("more than 180 miles");
        assertVerbatim(answer);
    }

    @Test
    void a_country_asked_about_by_its_abbreviation_is_found_under_the_name_the_articles_use() {
        Answer answer = answers.ask("What weapons has the USA given Ukraine?", null);
        assertThat(answer.abstained()).isFalse();
        assertThat(answer.answer()).doesNotContain("USA");
    }

    @Test
    void a_country_name_matches_the_adjective_the_articles_use() {
        Answer answer = answers.ask("Who is the defense minister of Poland?", null);
        assertThat(answer.abstained()).isFalse();
        assertThat(answer.answer()).contains("Tomczyk");
    }
}
