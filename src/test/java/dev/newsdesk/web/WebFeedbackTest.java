package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** POST /api/feedback: the chat page's 👍/👎, into the same log as Slack's votes. */
class WebFeedbackTest {

    private static final String JSON = "application/json";
    private static final String VOTE = "{\"answer_id\": \"a1b2c3d4e5f6\", \"vote\": \"down\", \"browser\": \"browser-0001\","
            + " \"question\": \"Who is the foreign minister of Finland?\", \"answer\": \"Elina Valtonen [1]\","
            + " \"conversation\": \"c-1\", \"sources\": [\"002_b7bae2f023295e45.txt\"]}";

    private static final TestServer server = TestServer.ready();

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_vote_is_appended_to_the_feedback_log_with_what_it_is_about_and_counted() {
        HttpResponse<String> response = server.post("/api/feedback", JSON, VOTE);

        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> votes = server.feedback();
        assertThat(votes).hasSize(1);
        JsonNode vote = votes.get(0);
        assertThat(vote.get("feedback_id").asText()).isEqualTo("a1b2c3d4e5f6");
        assertThat(vote.get("vote").asText()).isEqualTo("down");
        assertThat(vote.get("user").asText()).isEqualTo("browser-0001");
        assertThat(vote.get("channel").asText()).isEqualTo("web");
        assertThat(vote.get("question").asText()).isEqualTo("Who is the foreign minister of Finland?");
        assertThat(vote.get("answer").asText()).isEqualTo("Elina Valtonen [1]");
        assertThat(vote.get("conversation").asText()).isEqualTo("c-1");
        assertThat(vote.get("sources").get(0).asText()).isEqualTo("002_b7bae2f023295e45.txt");
        assertThat(server.get("/metrics").body()).contains("newsdesk_feedback_total{channel=\"web\",vote=\"down\"} 1.0");
    }

    static Stream<Arguments> badVotes() {
        return Stream.of(
                Arguments.of("a vote other than up or down", JSON, VOTE.replace("\"down\"", "\"maybe\""), 400, "\"up\" or \"down\""),
                Arguments.of("no answer id", JSON, VOTE.replace("\"answer_id\"", "\"id\""), 400, "no \"answer_id\""),
                Arguments.of("a browser id with odd characters", JSON, VOTE.replace("browser-0001", "../../x"), 400,
                        "\"browser\" must be 8 to 64"),
                Arguments.of("no answer", JSON, VOTE.replace("\"answer\":", "\"reply\":"), 400, "no \"answer\""),
                Arguments.of("sources that are not a list", JSON,
                        VOTE.replace("[\"002_b7bae2f023295e45.txt\"]", "\"002_b7bae2f023295e45.txt\""), 400, "array"),
                Arguments.of("a question over the limit", JSON,
                        VOTE.replace("Who is the foreign minister of Finland?", "a".repeat(2001)), 400, "longer than 2000"),
                Arguments.of("plain text", "text/plain", VOTE, 415, "Content-Type: application/json"),
                Arguments.of("a body over 64 KB", JSON, VOTE.replace("Elina Valtonen", "a".repeat(70_000)), 413,
                        "larger than 64 KB"));
    }

    @ParameterizedTest(name = "{0} is {3}")
    @MethodSource("badVotes")
    void a_bad_vote_gets_a_status_and_a_json_error_saying_what_to_send_and_is_not_logged(
            String what, String contentType, String body, int status, String hint) {
        int logged = server.feedback().size();

        HttpResponse<String> response = server.post("/api/feedback", contentType, body);

        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(TestServer.json(response).get("error").asText()).as(what).contains(hint).contains("\"vote\"");
        assertThat(server.feedback()).hasSize(logged);
    }
}
