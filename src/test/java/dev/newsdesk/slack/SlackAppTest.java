package dev.newsdesk.slack;

import dev.newsdesk.access.AccessFile;
import dev.newsdesk.access.Overviews;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.ChunkedFlood;
import dev.newsdesk.TestEngines;
import dev.newsdesk.config.Settings;
import dev.newsdesk.feedback.AnsweredQuestions;
import dev.newsdesk.feedback.FeedbackLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackAppTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void health_says_on_and_names_the_bot_once_slack_has_told_it() throws Exception {
        try (SlackHarness harness = new SlackHarness()) {
            long deadline = System.nanoTime() + FakeSlack.PATIENCE.toNanos();
            while (!FakeSlack.BOT_USER_ID.equals(harness.app.health().get("bot")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(harness.app.health()).containsEntry("status", "on").containsEntry("bot", FakeSlack.BOT_USER_ID)
                    .containsKeys("queued", "busy");
        }
    }

    @Test
    void refuses_an_unsigned_chunked_body_past_64_kb_without_reading_it_and_closes_the_connection() throws Exception {
        long flood = 256L * 1024 * 1024;
        try (SlackHarness harness = new SlackHarness()) {
            for (String route : List.of("/slack/events", "/slack/commands", "/slack/interactions")) {
                ChunkedFlood sent = ChunkedFlood.send(harness.port(), route, Map.of(), flood);

                assertThat(sent.status()).as(route).isEqualTo(413);
                assertThat(sent.reply()).as(route).contains("application/json").contains("larger than 64 KB");
                assertThat(sent.sent()).as(route + ": stopped reading long before the end").isLessThan(flood);
            }
        }
    }

    @Test
    void refusals_are_json_saying_what_is_wrong() throws Exception {
        try (SlackHarness harness = new SlackHarness()) {
            HttpResponse<String> unsigned = harness.send("/slack/events", "application/json", "{}", "0", "v0=00", Map.of());
            HttpResponse<String> malformed = harness.postEvent("{\"type\": ");
            HttpResponse<String> noPayload = harness.postForm("/slack/interactions", Map.of("other", "x"));

            assertThat(unsigned.statusCode()).isEqualTo(401);
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(noPayload.statusCode()).isEqualTo(400);
            for (HttpResponse<String> response : List.of(unsigned, malformed, noPayload)) {
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
                assertThat(JSON.readTree(response.body()).path("error").asText()).isNotBlank();
            }
            assertThat(JSON.readTree(unsigned.body()).path("error").asText()).contains("SLACK_SIGNING_SECRET");
            assertThat(JSON.readTree(malformed.body()).path("error").asText()).contains("not the JSON Slack sends");
        }
    }

    @Test
    void without_a_signing_secret_the_app_is_not_created() {
        Settings.Slack off = Settings.from(Map.of()).slack();

        assertThat(off.enabled()).isFalse();
        assertThatThrownBy(() -> new SlackApp(off, TestEngines.shared().answers(), new AccessFile(null, null, line -> { }),
                scope -> Overviews.compute(TestEngines.shared(), scope), new SimpleMeterRegistry(),
                new FeedbackLog(TestEngines.tempDir("feedback").resolve("feedback.jsonl")),
                new AnsweredQuestions(10, Duration.ofDays(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SLACK_SIGNING_SECRET");
    }

    @Test
    void the_feedback_file_is_configurable_and_defaults_under_data() {
        assertThat(Settings.from(Map.of()).slack().feedbackFile()).isEqualTo(Path.of("data/feedback.jsonl"));
        assertThat(Settings.from(Map.of("NEWSDESK_FEEDBACK_FILE", "/tmp/votes.jsonl")).slack().feedbackFile())
                .isEqualTo(Path.of("/tmp/votes.jsonl"));
    }
}
