package dev.newsdesk.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.slack.FakeSlack.Call;
import dev.newsdesk.slack.FakeSlack.Reply;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlashCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void ask_acknowledges_at_once_and_posts_the_answer_privately_to_the_response_url() throws Exception {
        harness = new SlackHarness();

        HttpResponse<String> ack = harness.postForm("/slack/commands", command("what is ATACMS?", "r1"));

        assertThat(ack.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(ack.body());
        assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(body.path("text").asText()).isEqualTo(SlashCommandHandler.LOOKING);
        Call answer = harness.slack.awaitDelivered("response", 1).get(0);
        assertThat(answer.path()).endsWith("/r1");
        assertThat(answer.field("response_type")).isEqualTo("ephemeral");
        assertThat(answer.field("text")).contains("<@UASKER> asked: what is ATACMS?").contains("Tactical Missile System");
        assertThat(answer.blocks().toString()).contains("001_8c75088e5995e160.txt").contains(BlockKitRenderer.VOTE_UP);
    }

    @Test
    void every_command_is_answered_exactly_once_when_slack_closes_each_connection_after_its_response() throws Exception {
        harness = new SlackHarness(Map.of(), true);

        for (String name : List.of("close-1", "close-2", "close-3")) {
            harness.postForm("/slack/commands", command("what is ATACMS?", name));
            harness.slack.awaitDelivered("response", 1, c -> c.path().endsWith("/" + name));
        }

        assertThat(harness.slack.calls("response")).extracting(Call::path)
                .containsExactly("/response/close-1", "/response/close-2", "/response/close-3");
    }

    @Test
    void ask_answers_in_the_channel_when_configured_so() throws Exception {
        harness = new SlackHarness(Map.of("NEWSDESK_SLACK_COMMAND_IN_CHANNEL", "true"));

        harness.postForm("/slack/commands", command("what is ATACMS?", "r2"));

        assertThat(harness.slack.awaitDelivered("response", 1).get(0).field("response_type")).isEqualTo("in_channel");
    }

    @Test
    void ask_without_a_question_explains_usage_and_queues_nothing() throws Exception {
        harness = new SlackHarness();

        HttpResponse<String> ack = harness.postForm("/slack/commands", command("   ", "r3"));

        JsonNode body = JSON.readTree(ack.body());
        assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(body.path("text").asText()).isEqualTo(SlashCommandHandler.USAGE);
        assertThat(harness.counter("newsdesk.slack.answers")).isZero();
        assertThat(harness.slack.calls("response")).isEmpty();
    }

    @Test
    void a_rate_limited_response_url_is_retried_after_the_wait_and_the_answer_arrives_once() throws Exception {
        harness = new SlackHarness();
        harness.slack.script("response", Reply.rateLimited(1));

        harness.postForm("/slack/commands", command("what is ATACMS?", "r4"));

        harness.slack.awaitDelivered("response", 1);
        assertThat(harness.slack.calls("response")).hasSize(2);
        assertThat(harness.slack.delivered("response")).hasSize(1);
    }

    @Test
    void an_unsigned_command_is_refused_with_401() throws Exception {
        harness = new SlackHarness();

        HttpResponse<String> response = harness.send("/slack/commands", "application/x-www-form-urlencoded",
                "command=%2Fask&text=hi", String.valueOf(SlackHarness.now()), "", Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    private Map<String, String> command(String text, String responseName) {
        Map<String, String> form = new HashMap<>();
        form.put("token", "legacy-unused");
        form.put("team_id", "T1");
        form.put("channel_id", "C1");
        form.put("user_id", "UASKER");
        form.put("command", "/ask");
        form.put("text", text);
        form.put("response_url", harness.responseUrl(responseName));
        form.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        return form;
    }
}
