package dev.newsdesk.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void finds_people_without_their_titles() {
        assertThat(Names.people("NATO Secretary General Jens Stoltenberg said, and Gen. Charles Q. Brown Jr. agreed."))
                .containsExactly("Jens Stoltenberg", "Charles Q. Brown Jr");
    }

    @Test
    void leaves_out_organisations_and_places() {
        assertThat(Names.people("The North Atlantic Treaty Organization met the National Security Council in the White House."))
                .isEmpty();
    }
}
