package dev.newsdesk.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DatesTest {

    private final Pattern dates = Dates.pattern();

    private String first(String text) {
        var m = dates.matcher(text);
        return m.find() ? m.group() : null;
    }

    @Test
    void finds_dates_written_in_words_and_in_figures() {
        assertThat(first("The bridge opened on March 3, 1932, after four years.")).isEqualTo("March 3, 1932");
        assertThat(first("The abbey was founded in 1263 by monks.")).isEqualTo("1263");
        assertThat(first("Trade grew in the 13th century.")).isEqualTo("13th century");
        assertThat(first("The council met last week.")).isEqualTo("last week");
        assertThat(first("Talks resume on Thursday.")).isEqualTo("Thursday");
    }

    @Test
    void a_number_that_is_not_a_year_is_no_date() {
        assertThat(first("The ferry carries 350 passengers and 9000 tons.")).isNull();
    }
}
