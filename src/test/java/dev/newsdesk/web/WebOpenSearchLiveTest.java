package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsdesk.LiveArchive;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.app.Engine;
import dev.newsdesk.index.opensearch.OpenSearchCluster;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The living archive on the OpenSearch store: articles added and deleted while serving, through the
 * admin API and the watched corpus folder, written into the cluster by live ingestion.
 */
@ExtendWith(OpenSearchCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebOpenSearchLiveTest {

    private static final String TOKEN = "test-admin-token-live-os";
    private static final Duration GENEROUS = Duration.ofSeconds(20);
    private LiveArchive archive;
    private TestServer server;

    @BeforeAll
    void serveFromTheCluster() {
        archive = new LiveArchive(Map.of(
                "NEWSDESK_STORE", "opensearch",
                "OPENSEARCH_URL", OpenSearchCluster.running().urls(),
                "OPENSEARCH_INDEX", "live",
                "NEWSDESK_PORT", "0",
                "NEWSDESK_ADMIN_TOKEN", TOKEN));
        server = TestServer.live(archive);
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
        archive.close();
    }

    private HttpResponse<String> post(Map<String, String> article) throws IOException {
        return server.send("POST", "/api/articles", "application/json", TestServer.JSON.writeValueAsString(article), TOKEN);
    }

    private static List<String> cited(JsonNode answer) {
        return answer.path("citations").findValuesAsText("file");
    }

    /**
     * Starts another engine on the same corpus folder and cluster, as a restarted server does, runs
     * {@code check} on it, and returns what it logged while starting.
     */
    private List<String> restart(Consumer<Engine> check) throws IOException {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Engine restarted = Engine.start(archive.engine.settings(), log::add, (d, t, f) -> { })) {
            check.accept(restarted);
        }
        return log;
    }

    @Test
    void an_article_posted_while_serving_is_answered_and_cited_and_a_restart_finds_it_indexed() throws IOException {
        String question = "How many tonnes of plums did the Ellisford orchard cooperative pick?";
        HttpResponse<String> created = post(Map.of("title", "Plum harvest record",
                "text", "The Ellisford orchard cooperative picked 612 tonnes of plums this summer, its chair said.",
                "source", "Ellisford Echo", "published", "2024-08-19"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String file = TestServer.json(created).path("file").asText();

        JsonNode answer = TestServer.json(server.chat(Map.of("question", question)));

        assertThat(answer.path("answer").asText()).contains("612 tonnes");
        assertThat(cited(answer)).contains(file);
        assertThat(answer.path("citations").get(0).path("source").asText()).isEqualTo("Ellisford Echo");
        List<String> log = restart(engine -> assertThat(engine.answers().ask(question, null).citations())
                .extracting(Citation::file).contains(file));
        assertThat(log).as("the cluster's manifest holds the article: nothing to embed again")
                .noneMatch(line -> line.startsWith("indexed "));
    }

    @Test
    void an_article_deleted_while_serving_leaves_the_answers_and_the_cluster() throws IOException {
        String question = "How many days was the Renwick glass museum closed after the flood?";
        String file = TestServer.json(post(Map.of("title", "Museum flood",
                "text", "A burst pipe flooded the Renwick glass museum, which stayed closed for nine days, staff said.")))
                .path("file").asText();
        assertThat(cited(TestServer.json(server.chat(Map.of("question", question))))).contains(file);

        HttpResponse<String> deleted = server.send("DELETE", "/api/articles/" + file, null, null, TOKEN);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(cited(TestServer.json(server.chat(Map.of("question", question))))).doesNotContain(file);
        assertThat(archive.engine.index().chunkCount(file)).isZero();
        assertThat(restart(engine -> assertThat(engine.corpus().article(file)).isEmpty()))
                .as("the cluster's manifest no longer holds the article: nothing to remove at start")
                .noneMatch(line -> line.startsWith("indexed "));
    }

    @Test
    void a_file_dropped_into_the_watched_folder_is_answered_from_the_cluster() throws Exception {
        String question = "How many lighthouses did the Varnholt coast guard repaint?";
        Files.writeString(archive.corpus.resolve("lighthouses.md"), "---\nsource: Varnholt Coast Weekly\n---\n"
                + "Lighthouses repainted\nThe Varnholt coast guard repainted 14 lighthouses this spring, its commander said.\n");

        Answer answer = archive.askUntil(question,
                a -> a.citations().stream().map(Citation::file).anyMatch("lighthouses.md"::equals), GENEROUS);

        assertThat(answer.citations()).extracting(Citation::file).contains("lighthouses.md");
        assertThat(answer.answer()).contains("14 lighthouses");
        assertThat(archive.engine.index().chunkCount("lighthouses.md")).isPositive();
    }
}
