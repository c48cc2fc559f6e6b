package dev.newsdesk.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.LiveArchive;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.index.StoredChunk;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RecencyTest {

    private static LiveArchive archive;

    @BeforeAll
    static void serve() throws Exception {
        archive = new LiveArchive(Map.of());
        // Three reports of one story, the newest neither first by name nor the best match by words.
        write("strike-b.md", "2024-03-09T18:00:00Z", "Crews at Marrow Bay stayed away from the ferries for an eleventh"
                + " day on Saturday, 95 of them, their union said.");
        write("strike-c.md", "2024-03-01", strike("third", 40));
        write("strike-a.md", "2024-03-05", strike("seventh", 70));
        for (String file : List.of("strike-a.md", "strike-b.md", "strike-c.md")) {
            archive.live.submit(file).get();
        }
    }

    private static String strike(String day, int crews) {
        return "The Marrow Bay ferry strike entered its " + day + " day on Friday, with " + crews
                + " crews off work, the union said.";
    }

    private static void write(String file, String published, String body) throws IOException {
        Files.writeString(archive.corpus.resolve(file), "---\nsource: Tidewater Bulletin\npublished: " + published
                + "\n---\nFerry strike goes on\n" + body + " Passengers were told to expect cancellations.\n");
    }

    @AfterAll
    static void stop() throws IOException {
        archive.close();
    }

    @Test
    void recognises_questions_about_the_latest_news_by_whole_words() {
        RecencyCues cues = new RecencyCues();

        assertThat(cues.asksForRecent("What is the latest on the strike?")).isTrue();
        assertThat(cues.asksForRecent("Where do things stand right   now?")).isTrue();
        assertThat(cues.asksForRecent("What happened this week?")).isTrue();
        assertThat(cues.asksForRecent("Who is known to have said it?")).as("'now' inside 'known'").isFalse();
        assertThat(cues.asksForRecent("How many crews were off work?")).isFalse();
    }

    @Test
    void a_question_about_the_latest_puts_the_newest_report_first_and_cites_it() {
        Retriever.Retrieval retrieval = archive.engine.retriever().retrieve("What is the latest on the Marrow Bay ferry strike?",
                "t", List.of());
        Answer answer = archive.ask("What is the latest on the Marrow Bay ferry strike?");

        assertThat(retrieval.chunks()).extracting(StoredChunk::file).startsWith("strike-b.md");
        assertThat(archive.engine.retriever().retrieve("What about the Marrow Bay ferry strike?", "t", List.of()).chunks())
                .as("without a recency cue, relevance alone decides").extracting(StoredChunk::file).first().isNotEqualTo("strike-b.md");
        assertThat(answer.citations()).extracting(Citation::file).first().isEqualTo("strike-b.md");
        assertThat(answer.answer()).contains("eleventh");
    }
}
