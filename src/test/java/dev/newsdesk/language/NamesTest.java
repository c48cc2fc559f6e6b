package dev.newsdesk.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void finds_people_without_their_titles_or_nationalities() {
        assertThat(Names.people("UNESCO Director-General Ana Ruiz said, and Lt. Col. Peter Q. Hale Jr. agreed with Chilean"
                + " Foreign Minister Marta Vidal."))
                .containsExactly("Ana Ruiz", "Peter Q. Hale Jr", "Marta Vidal");
    }

    @Test
    void a_dotted_abbreviation_before_a_title_is_no_part_of_the_name() {
        assertThat(Names.people("On Tuesday, U.S. President Ada Quill met the U.K. envoy.")).containsExactly("Ada Quill");
    }

    @Test
    void leaves_out_organisations_places_and_events() {
        assertThat(Names.people("The Northtown City Council met the Harbour Authority before the Winter Games in Lake Placid Valley."))
                .isEmpty();
    }
}
