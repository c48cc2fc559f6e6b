package dev.newsdesk.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AliasesTest {

    private final Aliases aliases = new Aliases();

    @Test
    void a_country_is_known_by_its_abbreviations_and_its_adjective() {
        assertThat(aliases.variants("USA")).first().isEqualTo("USA");
        assertThat(aliases.variants("USA")).contains("U.S.", "United States", "American");
        assertThat(aliases.variants("Peru")).contains("Peruvian");
    }

    @Test
    void a_word_that_names_no_place_has_only_itself() {
        assertThat(aliases.variants("ferry")).containsExactly("ferry");
    }
}
