package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import dev.newsdesk.ingest.Article;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** GET /api/overview: what the archive holds and questions about it that the bot answers. */
class WebOverviewTest {

    private final TestServer server = TestServer.shared();

    @Test
    void the_overview_counts_the_articles_and_lists_some_headlines() {
        JsonNode overview = TestServer.json(server.get("/api/overview"));

        List<Article> articles = List.copyOf(TestServer.engine().corpus().articles());
        assertThat(overview.get("articles").asInt()).isEqualTo(articles.size());
        JsonNode first = overview.get("headlines").get(0);
        assertThat(first.get("file").asText()).isEqualTo(articles.get(0).file());
        assertThat(first.get("title").asText()).isEqualTo(articles.get(0).title());
        assertThat(overview.get("headlines")).hasSize(Math.min(OverviewHandler.HEADLINES, articles.size()));
        assertThat(overview.get("outlets")).as("the seeds carry no outlet").isEmpty();
    }

    @Test
    void every_example_question_is_one_the_bot_answers() {
        JsonNode examples = TestServer.json(server.get("/api/overview")).get("examples");

        assertThat(examples).hasSizeBetween(2, OverviewHandler.EXAMPLES);
        StreamSupport.stream(examples.spliterator(), false).map(JsonNode::asText).forEach(question ->
                assertThat(TestServer.json(server.chat(Map.of("question", question))).get("abstained").asBoolean())
                        .as(question).isFalse());
    }

    @Test
    void examples_ask_about_the_people_most_articles_name() {
        List<Article> articles = List.of(
                new Article("a.txt", "A", "Talks\n\nMaria Lopez met Tom Berg. Maria Lopez spoke.", "1"),
                new Article("b.txt", "B", "Vote\n\nMaria Lopez won. Anna Kowal lost.", "2"),
                new Article("c.txt", "C", "Rain\n\nTom Berg stayed home.", "3"));

        assertThat(ExampleQuestions.candidates(articles, 3))
                .containsExactly("What did Maria Lopez say?", "Who is Tom Berg?", "What did Anna Kowal say?");
    }

    @Test
    void outlets_and_the_date_range_come_from_the_articles_metadata_newest_headline_first() throws Exception {
        Path corpus = TestEngines.tempDir("overview-corpus");
        Files.writeString(corpus.resolve("old.md"), "---\ntitle: Ferry timetable set\nsource: Valley Herald\npublished: 2031-01-05\n---\n"
                + "Ferry timetable set\n\nThe ferry will run hourly from spring, the harbour board said.\n");
        Files.writeString(corpus.resolve("new.md"), "---\ntitle: Ferry fares rise\nsource: Coast Courier\npublished: 2031-04-18\n---\n"
                + "Ferry fares rise\n\nA return ticket on the ferry will cost more from May, the operator said.\n");
        try (Engine engine = Engine.start(TestEngines.settings(corpus, TestEngines.tempDir("overview-index"), Map.of()),
                s -> { }, (d, t, f) -> { })) {
            OverviewHandler.Overview overview = OverviewHandler.compute(engine);

            assertThat(overview.outlets()).containsExactly("Coast Courier", "Valley Herald");
            assertThat(overview.from()).isEqualTo("2031-01-05");
            assertThat(overview.to()).isEqualTo("2031-04-18");
            assertThat(overview.headlines()).extracting(OverviewHandler.Headline::file).containsExactly("new.md", "old.md");
        }
    }
}
