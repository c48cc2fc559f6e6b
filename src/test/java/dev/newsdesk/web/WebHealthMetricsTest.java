package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebHealthMetricsTest {

    @Test
    void health_is_503_until_the_engine_is_ready_and_200_after() {
        try (TestServer server = TestServer.notReady()) {
            HttpResponse<String> loading = server.get("/health");
            assertThat(loading.statusCode()).isEqualTo(503);
            assertThat(TestServer.json(loading).get("status").asText()).isEqualTo("loading");

            server.web.ready(TestServer.engine());

            HttpResponse<String> ready = server.get("/health");
            assertThat(ready.statusCode()).isEqualTo(200);
            JsonNode health = TestServer.json(ready);
            assertThat(health.get("status").asText()).isEqualTo("ok");
            assertThat(health.get("chunks").asInt()).isEqualTo(TestServer.engine().index().chunkCount()).isPositive();
            assertThat(health.get("articles").asInt()).isEqualTo(TestServer.engine().corpus().articles().size());
            assertThat(health.get("mode").asText()).isEqualTo("extractive");
            assertThat(health.get("reader").asText()).isEqualTo(TestServer.engine().health().reader())
                    .startsWith("newsdesk-reader-minilm-l6-int8@");
            assertThat(health.get("slack").asText()).isEqualTo("off");
        }
    }

    @Test
    void the_api_answers_503_with_a_json_error_while_loading() {
        try (TestServer server = TestServer.notReady()) {
            HttpResponse<String> chat = server.chat(Map.of("question", "What did Putin warn about?"));
            HttpResponse<String> sources = server.get("/api/sources");

            assertThat(chat.statusCode()).isEqualTo(503);
            assertThat(TestServer.json(chat).get("error").asText()).contains("still loading");
            assertThat(sources.statusCode()).isEqualTo(503);
        }
    }

    @Test
    void metrics_count_requests_per_route_and_time_answers() {
        try (TestServer server = TestServer.ready()) {
            server.chat(Map.of("question", "What did Putin warn about?"));
            server.chat(Map.of("question", "Did the articles mention the price of tea?"));
            server.get("/api/sources/nope.txt");
            server.get("/no/such/page");

            HttpResponse<String> metrics = server.get("/metrics");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(metrics.body())
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*uri=\"/api/chat\"[^}]*} 2")
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"404\"[^}]*uri=\"/api/sources/<file>\"")
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"404\"[^}]*uri=\"UNMATCHED\"")
                    .containsPattern("newsdesk_answer_seconds_count\\{mode=\"extractive\"} 2")
                    .containsPattern("newsdesk_answer_seconds_bucket\\{mode=\"extractive\",le=\"[0-9.]+\"}")
                    .contains("newsdesk_answers_abstained_total 1.0")
                    .containsPattern("newsdesk_index_chunks " + TestServer.engine().index().chunkCount());
        }
    }

    @Test
    void meters_added_by_other_features_are_exported() {
        try (TestServer server = TestServer.ready()) {
            server.web.meters().counter("newsdesk.feature.events").increment();

            assertThat(server.get("/metrics").body()).contains("newsdesk_feature_events_total 1.0");
        }
    }
}
