package dev.newsdesk.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReaderTokenizerTest {

    private final ReaderTokenizer tokenizer = ReaderTokenizer.bundled();

    @Test
    void every_token_points_at_its_own_text_in_utf16_units_even_after_characters_outside_the_bmp() {
        String text = "🚀 Ärzte in Zürich said “no” to 1,200 visitors.";

        ReaderTokenizer.Tokens tokens = tokenizer.tokenize(text);

        assertThat(tokens.size()).isGreaterThan(10);
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            assertThat(tokens.starts()[i]).isLessThan(tokens.ends()[i]);
            if (i > 0) {
                assertThat(tokens.starts()[i]).isGreaterThanOrEqualTo(tokens.ends()[i - 1]);
            }
            seen.append(text, tokens.starts()[i], tokens.ends()[i]).append('|');
        }
        // The rocket is two UTF-16 units: a code-point offset read as a char index would shift every word after it.
        assertThat(seen.toString()).contains("|said|", "|“|no|”|", "|visitors|").startsWith("🚀|");
    }

    @Test
    void keeps_every_token_of_a_long_text() {
        String text = "The harbour board met again. ".repeat(200);

        ReaderTokenizer.Tokens tokens = tokenizer.tokenize(text);

        assertThat(tokens.size()).isEqualTo(200 * 6);
        assertThat(tokens.ends()[tokens.size() - 1]).isEqualTo(text.stripTrailing().length());
    }

    @Test
    void lower_cases_and_strips_accents_as_the_model_was_trained() {
        ReaderTokenizer.Tokens upper = tokenizer.tokenize("ZÜRICH");
        ReaderTokenizer.Tokens lower = tokenizer.tokenize("zurich");

        assertThat(upper.ids()).isEqualTo(lower.ids());
    }
}
