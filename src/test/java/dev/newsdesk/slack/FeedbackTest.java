package dev.newsdesk.slack;

import static dev.newsdesk.slack.SlackHarness.envelope;
import static dev.newsdesk.slack.SlackHarness.mention;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsdesk.slack.FakeSlack.Call;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedbackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new SlackHarness();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void a_thumbs_up_is_written_to_the_log_with_question_and_answer_counted_and_thanked() throws Exception {
        String ts = SlackHarness.ts();
        harness.postEvent(envelope("Ev-feedback", mention("C1", "what is ATACMS?", ts, null)));
        Call answer = harness.slack.awaitDelivered("chat.postMessage", 1).get(0);
        String feedbackId = button(answer, BlockKitRenderer.VOTE_UP).path("value").asText();

        HttpResponse<String> ack = harness.postForm("/slack/interactions",
                Map.of("payload", click(BlockKitRenderer.VOTE_UP, feedbackId, "thanks-1").toString()));

        assertThat(ack.statusCode()).isEqualTo(200);
        List<String> lines = Files.readAllLines(harness.feedbackFile);
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.get(0));
        assertThat(line.path("vote").asText()).isEqualTo("up");
        assertThat(line.path("user").asText()).isEqualTo("UVOTER");
        assertThat(line.path("feedback_id").asText()).isEqualTo(feedbackId);
        assertThat(line.path("question").asText()).isEqualTo("what is ATACMS?");
        assertThat(line.path("answer").asText()).contains("Tactical Missile System");
        assertThat(line.path("sources").toString()).contains("001_8c75088e5995e160.txt");
        assertThat(line.path("time").asText()).isNotBlank();
        assertThat(harness.registry.scrape()).contains("newsdesk_slack_feedback_total{vote=\"up\"} 1.0");
        Call thanks = harness.slack.awaitDelivered("response", 1).get(0);
        assertThat(thanks.field("response_type")).isEqualTo("ephemeral");
        assertThat(thanks.field("text")).isEqualTo(InteractionsHandler.THANKS);
    }

    @Test
    void a_vote_on_an_answer_no_longer_remembered_is_still_logged_with_the_message_text() throws Exception {
        ObjectNode payload = click(BlockKitRenderer.VOTE_DOWN, "0123456789abcdef", "thanks-2");
        payload.putObject("message").put("text", "An answer from before a restart [1]");

        harness.postForm("/slack/interactions", Map.of("payload", payload.toString()));

        JsonNode line = JSON.readTree(Files.readAllLines(harness.feedbackFile).get(0));
        assertThat(line.path("vote").asText()).isEqualTo("down");
        assertThat(line.path("answer").asText()).isEqualTo("An answer from before a restart [1]");
        assertThat(line.path("question").isNull()).isTrue();
        assertThat(harness.counter("newsdesk.slack.feedback", "vote", "down")).isEqualTo(1);
    }

    @Test
    void a_replayed_click_does_nothing_and_a_changed_vote_replaces_the_users_line() throws Exception {
        String up = click(BlockKitRenderer.VOTE_UP, "0123456789abcdef", "replayed").toString();
        String body = "payload=" + URLEncoder.encode(up, StandardCharsets.UTF_8);
        long signedAt = SlackHarness.now();

        for (int replay = 0; replay < 5; replay++) {
            HttpResponse<String> ack = harness.post("/slack/interactions", "application/x-www-form-urlencoded", body,
                    signedAt, Map.of());
            assertThat(ack.statusCode()).isEqualTo(200);
        }
        harness.postForm("/slack/interactions",
                Map.of("payload", click(BlockKitRenderer.VOTE_DOWN, "0123456789abcdef", "changed").toString()));

        List<String> lines = Files.readAllLines(harness.feedbackFile);
        assertThat(lines).singleElement().satisfies(l -> assertThat(JSON.readTree(l).path("vote").asText()).isEqualTo("down"));
        assertThat(harness.counter("newsdesk.slack.feedback", "vote", "up")).isEqualTo(1);
        harness.slack.awaitDelivered("response", 2);
        assertThat(harness.slack.calls("response")).hasSize(2);
    }

    private static JsonNode button(Call answer, String actionId) {
        for (JsonNode block : answer.blocks()) {
            for (JsonNode element : block.path("elements")) {
                if (actionId.equals(element.path("action_id").asText())) {
                    return element;
                }
            }
        }
        throw new AssertionError("no " + actionId + " button in " + answer.blocks());
    }

    private ObjectNode click(String actionId, String value, String responseName) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", "block_actions");
        payload.putObject("user").put("id", "UVOTER");
        payload.putObject("channel").put("id", "C1");
        payload.putObject("container").put("type", "message");
        payload.put("response_url", harness.slack.responseUrl(responseName));
        ObjectNode action = payload.putArray("actions").addObject();
        action.put("action_id", actionId);
        action.put("block_id", "newsdesk_feedback");
        action.put("value", value);
        action.put("type", "button");
        return payload;
    }
}
