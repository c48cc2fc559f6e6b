package dev.newsdesk.read;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsdesk.config.NewsdeskException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trained reader itself, on passages written for this test (nothing it was trained or fitted on). */
class OnnxReaderTest {

    private static final String FERRIES = "The Vellmark ferry company said on Monday that its new boat, the Saltwing,"
            + " will carry 340 passengers. The boat was built at a yard in Tarsel over two years.";

    private final OnnxReader reader = OnnxReader.bundled(192, 64);

    @Test
    void points_at_the_words_that_answer() {
        Reader.Reading reading = reader.read("How many passengers will the Saltwing carry?", List.of(FERRIES)).get(0);

        Reader.Span best = reading.spans().get(0);
        assertThat(FERRIES.substring(best.start(), best.end())).contains("340");
        assertThat(reading.margin()).isPositive();
    }

    @Test
    void says_no_answer_when_the_passage_does_not_hold_one() {
        Reader.Reading reading = reader.read("Who is the mayor of Tarsel?", List.of(FERRIES)).get(0);

        assertThat(reading.margin()).isNegative();
    }

    @Test
    void reads_a_passage_longer_than_a_window_in_overlapping_windows() {
        String filler = "The harbour board met again to discuss the timetable and the fares for the winter months. ";
        String passage = filler.repeat(12) + FERRIES;

        Reader.Reading reading = reader.read("Where was the Saltwing built?", List.of(passage)).get(0);

        Reader.Span best = reading.spans().get(0);
        assertThat(best.start()).isGreaterThan(filler.length() * 12);
        assertThat(passage.substring(best.start(), best.end())).contains("Tarsel");
    }

    @Test
    void gives_one_reading_per_passage_in_order_and_names_its_model() {
        List<Reader.Reading> readings = reader.read("Where was the Saltwing built?",
                List.of("Rain is expected on the coast tomorrow.", FERRIES));

        assertThat(readings).hasSize(2);
        assertThat(readings.get(1).margin()).isGreaterThan(readings.get(0).margin());
        assertThat(reader.id()).matches("newsdesk-reader-minilm-l6-int8@[0-9a-f]{8}");
    }

    @Test
    void a_model_that_is_not_a_reader_is_refused_with_one_line_naming_the_file(@TempDir Path folder) throws IOException {
        Path embedding = folder.resolve("embedding.onnx");
        try (InputStream in = OnnxReaderTest.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2-q.onnx")) {
            Files.copy(in, embedding);
        }

        assertThatThrownBy(() -> OnnxReader.of(embedding, 192, 64)).isInstanceOf(NewsdeskException.class)
                .hasMessageContaining(embedding.toString()).hasMessageContaining("not a reader's")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void windows_that_leave_no_room_to_move_on_are_refused() {
        assertThatThrownBy(() -> OnnxReader.bundled(128, 63)).isInstanceOf(NewsdeskException.class)
                .hasMessageContaining("NEWSDESK_READER_WINDOW_TOKENS=128");
        assertThatThrownBy(() -> OnnxReader.bundled(1024, 64)).isInstanceOf(NewsdeskException.class)
                .hasMessageContaining("at most 512 tokens");
    }
}
