package dev.newsdesk.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsdesk.LiveArchive;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.app.Engine;
import dev.newsdesk.config.NewsdeskException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LiveIngestTest {

    private static final Duration GENEROUS = Duration.ofSeconds(20);
    private static final String QUESTION = "How many lighthouses did the Varnholt coast guard repaint?";
    private static LiveArchive archive;

    @BeforeAll
    static void serve() {
        archive = new LiveArchive(Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        archive.close();
    }

    private static boolean cites(Answer answer, String file) {
        return answer.citations().stream().map(Citation::file).anyMatch(file::equals);
    }

    private static String lighthouses(int count) {
        return "---\nsource: Varnholt Coast Weekly\npublished: 2024-05-22\nurl: https://coast.example.org/lighthouses\n---\n"
                + "Lighthouses repainted\nThe Varnholt coast guard repainted " + count + " lighthouses this spring,"
                + " its commander said on Wednesday. The work took three months.\n";
    }

    @Test
    void indexes_a_file_dropped_into_the_corpus_while_serving_and_cites_its_outlet_and_date() throws Exception {
        Files.writeString(archive.corpus.resolve("lighthouses.md"), lighthouses(14));

        Answer answer = archive.askUntil(QUESTION, a -> cites(a, "lighthouses.md"), GENEROUS);

        assertThat(answer.answer()).contains("14 lighthouses");
        Citation citation = answer.citations().stream().filter(c -> c.file().equals("lighthouses.md")).findFirst().orElseThrow();
        assertThat(citation.source()).isEqualTo("Varnholt Coast Weekly");
        assertThat(citation.published()).isEqualTo("2024-05-22");
        assertThat(citation.url()).isEqualTo("https://coast.example.org/lighthouses");
        assertThat(archive.live.status().lastIngest()).isNotNull();
    }

    @Test
    void a_changed_file_replaces_its_old_text_and_a_deleted_file_leaves_the_answers() throws Exception {
        Path file = archive.corpus.resolve("lighthouses-2.md");
        Files.writeString(file, lighthouses(14).replace("lighthouses this", "beacon lighthouses this"));
        archive.askUntil(QUESTION, a -> cites(a, "lighthouses-2.md"), GENEROUS);
        int chunks = archive.engine.index().chunkCount("lighthouses-2.md");

        Files.writeString(file, lighthouses(19).replace("lighthouses this", "beacon lighthouses this"));
        Answer changed = archive.askUntil("How many beacon lighthouses did the Varnholt coast guard repaint?",
                a -> a.answer().contains("19"), GENEROUS);
        assertThat(changed.answer()).contains("19 beacon lighthouses").doesNotContain("14 beacon");
        assertThat(archive.engine.index().chunkCount("lighthouses-2.md")).as("replaced, not added").isEqualTo(chunks);

        Files.delete(file);
        Answer gone = archive.askUntil(QUESTION, a -> !cites(a, "lighthouses-2.md"), GENEROUS);
        assertThat(cites(gone, "lighthouses-2.md")).isFalse();
        assertThat(archive.engine.corpus().article("lighthouses-2.md")).isEmpty();
        assertThat(archive.engine.index().chunkCount("lighthouses-2.md")).isZero();
    }

    @Test
    void a_file_submitted_is_searchable_when_its_future_completes() throws Exception {
        Files.writeString(archive.corpus.resolve(".hidden-while-written"), lighthouses(7));
        Files.move(archive.corpus.resolve(".hidden-while-written"), archive.corpus.resolve("submitted.md"));

        archive.live.submit("submitted.md").get();

        assertThat(archive.engine.index().chunkCount("submitted.md")).isPositive();
        assertThat(archive.engine.corpus().article("submitted.md")).isPresent();
    }

    @Test
    void a_second_process_writing_the_same_index_gets_a_clear_error_and_the_index_still_answers() {
        assertThatThrownBy(() -> Engine.index(archive.engine.settings(), s -> { }, (d, t, f) -> { }))
                .isInstanceOf(NewsdeskException.class)
                .hasMessageContaining("locked by another newsdesk process");
        assertThat(archive.ask("What does the name ATACMS stand for?").citations()).isNotEmpty();
    }

    @Test
    void a_collection_folder_made_while_serving_is_watched_and_its_articles_belong_to_it() throws Exception {
        Path folder = Files.createDirectories(archive.corpus.resolve("coastal"));
        Files.writeString(folder.resolve("buoys.md"), "Buoys replaced\nThe Varnholt harbour replaced 31 buoys, its pilot said.\n");
        String question = "How many buoys did the Varnholt harbour replace?";

        Answer first = archive.askUntil(question, a -> cites(a, "coastal/buoys.md"), GENEROUS);
        Files.writeString(folder.resolve("buoys.md"), "Buoys replaced\nThe Varnholt harbour replaced 36 buoys, its pilot said.\n");
        Answer changed = archive.askUntil(question, a -> a.answer().contains("36"), GENEROUS);

        assertThat(first.answer()).contains("31 buoys");
        assertThat(changed.answer()).contains("36 buoys");
        assertThat(archive.engine.corpus().article("coastal/buoys.md").orElseThrow().collection()).isEqualTo("coastal");
        Files.delete(folder.resolve("buoys.md"));
        archive.askUntil(question, a -> !cites(a, "coastal/buoys.md"), GENEROUS);
    }

    @Test
    void a_collection_folder_moved_out_of_the_corpus_takes_its_articles_with_it() throws Exception {
        Path folder = Files.createDirectories(archive.corpus.resolve("moving"));
        Files.writeString(folder.resolve("pier.md"), "Pier rebuilt\nThe Varnholt pier was rebuilt with 44 new piles, the harbour said.\n");
        String question = "How many new piles did the Varnholt pier get?";
        archive.askUntil(question, a -> cites(a, "moving/pier.md"), GENEROUS);

        Files.move(folder, dev.newsdesk.TestEngines.tempDir("moved-away").resolve("moving"));

        Answer after = archive.askUntil(question, a -> !cites(a, "moving/pier.md"), GENEROUS);
        assertThat(after.citations()).noneMatch(c -> c.file().startsWith("moving/"));
        assertThat(archive.engine.corpus().article("moving/pier.md")).isEmpty();
    }
}
