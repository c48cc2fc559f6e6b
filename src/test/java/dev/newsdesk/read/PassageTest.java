package dev.newsdesk.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.ingest.Sentence;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassageTest {

    // Two sentences of a file, with a furniture line between them in the file that the passage leaves out.
    private static final String FILE = "Ferries resume today.\nADVERTISEMENT\nThe first leaves at 6:40 from Pier 3.";
    private final Sentence first = new Sentence("f.txt", 0, 21, "Ferries resume today.");
    private final Sentence second = new Sentence("f.txt", 36, 73, "The first leaves at 6:40 from Pier 3.");
    private final Passage passage = Passage.of(List.of(first, second));

    @Test
    void joins_its_sentences_with_one_space() {
        assertThat(passage.text()).isEqualTo("Ferries resume today. The first leaves at 6:40 from Pier 3.");
    }

    @Test
    void maps_a_span_back_to_the_files_own_characters() {
        int start = passage.text().indexOf("6:40");

        Passage.Place place = passage.place(start, start + 4).orElseThrow();

        assertThat(place.sentence()).isEqualTo(second);
        assertThat(FILE.substring(place.start(), place.end())).isEqualTo("6:40");
    }

    @Test
    void a_span_running_into_the_next_sentence_keeps_what_lies_in_the_first() {
        int start = passage.text().indexOf("today");

        Passage.Place place = passage.place(start, passage.text().indexOf("leaves")).orElseThrow();

        assertThat(FILE.substring(place.start(), place.end())).isEqualTo("today.");
    }

    @Test
    void a_span_on_the_joining_space_has_no_place() {
        int space = passage.text().indexOf(" The first");

        assertThat(passage.place(space, space + 1)).isEmpty();
    }
}
