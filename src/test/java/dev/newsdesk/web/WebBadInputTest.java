package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.ChunkedFlood;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebBadInputTest {

    private static final String JSON = "application/json";

    private final TestServer server = TestServer.shared();



    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("invalid JSON", JSON, "{\"question\": ", 400, "not valid JSON"),
                Arguments.of("empty body", JSON, "", 400, "not a JSON object"),
                Arguments.of("JSON that is not an object", JSON, "[\"What did Putin warn about?\"]", 400, "not a JSON object"),
                Arguments.of("no question", JSON, "{\"conversation\": \"abc\"}", 400, "no \"question\""),
                Arguments.of("null question", JSON, "{\"question\": null}", 400, "no \"question\""),
                Arguments.of("question not a string", JSON, "{\"question\": 42}", 400, "must be a string"),
                Arguments.of("empty question", JSON, "{\"question\": \"  \"}", 400, "empty"),
                Arguments.of("question over the limit", JSON, "{\"question\": \"" + "a".repeat(2001) + "\"}", 400, "limit is 2000"),
                Arguments.of("conversation id with odd characters", JSON,
                        "{\"question\": \"What did Putin warn about?\", \"conversation\": \"../x y\"}", 400, "conversation id"),
                Arguments.of("conversation id of a Slack thread", JSON,
                        "{\"question\": \"What did Putin warn about?\", \"conversation\": \"slack-C024BE91L-1717171717.000100\"}",
                        400, "belong to Slack threads"),
                Arguments.of("conversation not a string", JSON,
                        "{\"question\": \"What did Putin warn about?\", \"conversation\": 7}", 400, "must be a string"),
                Arguments.of("plain text", "text/plain", "What did Putin warn about?", 415, "Content-Type: application/json"),
                Arguments.of("form data", "application/x-www-form-urlencoded", "question=hi", 415, "Content-Type: application/json"),
                Arguments.of("no content type", null, "{\"question\": \"hi\"}", 415, "Content-Type: application/json"),
                Arguments.of("body over 64 KB", JSON, "{\"question\": \"" + "a".repeat(70_000) + "\"}", 413, "larger than 64 KB"));
    }

    @ParameterizedTest(name = "{0} is {3}")
    @MethodSource("badRequests")
    void bad_chat_requests_get_a_status_and_a_json_error_saying_what_to_fix(
            String what, String contentType, String body, int status, String hint) {
        HttpResponse<String> response = server.post("/api/chat", contentType, body);

        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(JSON));
        assertThat(TestServer.json(response).get("error").asText()).as(what).contains(hint);
    }

    @Test
    void a_chunked_body_past_64_kb_is_refused_before_its_end_and_the_connection_closed() throws Exception {
        long flood = 256L * 1024 * 1024;

        ChunkedFlood sent = ChunkedFlood.send(server.web.port(), "/api/chat", Map.of(), flood);

        assertThat(sent.status()).isEqualTo(413);
        assertThat(sent.reply()).contains("larger than 64 KB");
        assertThat(sent.sent()).as(sent.reply()).isLessThan(flood);
    }

    @Test
    void unknown_routes_are_json_404s() {
        HttpResponse<String> response = server.get("/api/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(response).get("error").asText()).contains("/api/nope");
    }

    @Test
    void a_known_route_with_the_wrong_method_is_a_json_405() {
        HttpResponse<String> response = server.get("/api/chat");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(TestServer.json(response).get("error").asText()).isNotBlank();
    }
}
