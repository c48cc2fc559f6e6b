package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import dev.newsdesk.config.Settings;
import dev.newsdesk.index.opensearch.OpenSearchCluster;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server over an OpenSearch cluster that becomes unreachable (a cut connection) and comes back. */
@ExtendWith(OpenSearchCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebOpenSearchOutageTest {

    private LoopbackProxy proxy;
    private Engine engine;
    private TestServer server;

    @BeforeAll
    void serveFromTheClusterThroughAProxy() throws IOException {
        // The seeds are indexed first (when this class runs first) at the usual timeout, in two shards as
        // OpenSearchStoreTest builds them: the short timeout is for noticing the outage quickly, and a
        // build on a busy machine can outlast it.
        Engine.index(settings(OpenSearchCluster.running().urls(), Map.of("OPENSEARCH_SHARDS", "2")), s -> { }, (d, t, f) -> { });
        proxy = new LoopbackProxy(OpenSearchCluster.running().livePort());
        engine = Engine.start(settings("http://127.0.0.1:" + proxy.port(), Map.of("OPENSEARCH_TIMEOUT_SECONDS", "2")),
                s -> { }, (d, t, f) -> { });
        server = TestServer.ready(engine);
    }

    private static Settings settings(String urls, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.putAll(Map.of("NEWSDESK_STORE", "opensearch", "OPENSEARCH_URL", urls,
                "OPENSEARCH_INDEX", OpenSearchCluster.SEEDS_PREFIX));
        return TestEngines.settings(TestEngines.SEEDS, TestEngines.tempDir("unused-index"), env);
    }

    @AfterAll
    void close() throws IOException {
        server.close();
        engine.close();
        proxy.close();
    }

    @Test
    void health_and_questions_are_503_with_the_reason_while_the_cluster_is_unreachable_and_recover_by_themselves()
            throws IOException {
        assertThat(server.get("/health").statusCode()).isEqualTo(200);

        proxy.cut();
        HttpResponse<String> health = server.get("/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(TestServer.json(health).path("status").asText()).isEqualTo("unavailable");
        assertThat(TestServer.json(health).path("reason").asText()).contains("unreachable").contains("OPENSEARCH_URL");
        HttpResponse<String> refused = server.chat(Map.of("question", "How far can the longer-range version of ATACMS travel?"));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(TestServer.json(refused).path("error").asText()).contains("try again");

        proxy.restore();
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> answered = server.chat(Map.of("question", "How far can the longer-range version of ATACMS travel?"));
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(answered).path("answer").asText()).contains("180 miles");
    }
}
