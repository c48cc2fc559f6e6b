package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsdesk.access.Overviews;
import dev.newsdesk.ingest.Article;
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
        assertThat(overview.get("headlines")).hasSize(Math.min(Overviews.HEADLINES, articles.size()));
        assertThat(overview.get("outlets")).as("the seeds carry no outlet").isEmpty();
    }

    @Test
    void every_example_question_is_one_the_bot_answers() {
        JsonNode examples = TestServer.json(server.get("/api/overview")).get("examples");

        assertThat(examples).hasSizeBetween(2, Overviews.EXAMPLES);
        StreamSupport.stream(examples.spliterator(), false).map(JsonNode::asText).forEach(question ->
                assertThat(TestServer.json(server.chat(Map.of("question", question))).get("abstained").asBoolean())
                        .as(question).isFalse());
    }
}
