package dev.newsdesk.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private final SentenceSplitter splitter = new SentenceSplitter();

    private List<String> split(String text) {
        List<Sentence> sentences = splitter.split("f.txt", text, 0, text.length());
        sentences.forEach(s -> assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text()));
        return sentences.stream().map(Sentence::text).toList();
    }

    @Test
    void does_not_split_after_abbreviations_and_initials() {
        assertThat(split("Gen. Charles Q. Brown Jr., the chairman, said the U.S. Secretary of State agreed. Sen. Smith did not."))
                .containsExactly("Gen. Charles Q. Brown Jr., the chairman, said the U.S. Secretary of State agreed.",
                        "Sen. Smith did not.");
    }

    @Test
    void does_not_split_a_dateline_before_the_story() {
        assertThat(split("CHISINAU, Moldova—U.S. Secretary of State Antony Blinken signaled a shift. It was new."))
                .containsExactly("CHISINAU, Moldova—U.S. Secretary of State Antony Blinken signaled a shift.", "It was new.");
    }

    @Test
    void keeps_offsets_into_the_whole_text_when_splitting_a_line_inside_it() {
        String text = "Title\nFirst one here. Second one there.\n";
        List<Sentence> sentences = splitter.split("f.txt", text, 6, text.length() - 1);
        assertThat(sentences).extracting(Sentence::start).containsExactly(6, 22);
        assertThat(text.substring(sentences.get(1).start(), sentences.get(1).end())).isEqualTo("Second one there.");
    }

    @Test
    void cuts_a_run_of_text_with_no_sentence_end_into_pieces_at_spaces() {
        String run = "word ".repeat(5_000).strip();

        List<String> pieces = split(run);

        assertThat(pieces).hasSizeGreaterThan(20)
                .allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(SentenceSplitter.MAX_SENTENCE_CHARS)
                        .satisfies(n -> assertThat(p).doesNotStartWith(" ").doesNotEndWith(" ")));
        assertThat(String.join(" ", pieces)).isEqualTo(run);
    }

    @Test
    void the_most_sentences_counted_without_splitting_is_never_fewer_than_the_split_finds() {
        String news = "Gen. Brown spoke. Was it new? No!\nA second line with no end\n" + "word ".repeat(900) + "end.";
        String run = "x".repeat(2_500) + " y";

        for (String text : List.of(news, run, "One.", "")) {
            assertThat(splitter.mostSentences(text)).as(text.substring(0, Math.min(30, text.length())))
                    .isGreaterThanOrEqualTo(splitter.split("f.txt", text, 0, text.length()).size());
        }
        assertThat(splitter.mostSentences("A short report. It has three sentences. That is all."))
                .as("a bound, not the whole text's length").isLessThan(10);
    }
}
