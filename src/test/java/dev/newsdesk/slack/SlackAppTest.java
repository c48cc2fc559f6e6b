package dev.newsdesk.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsdesk.TestEngines;
import dev.newsdesk.config.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackAppTest {

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
    void without_a_signing_secret_the_app_is_not_created() {
        Settings.Slack off = Settings.from(Map.of()).slack();

        assertThat(off.enabled()).isFalse();
        assertThatThrownBy(() -> new SlackApp(off, TestEngines.shared().answers(), new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SLACK_SIGNING_SECRET");
    }

    @Test
    void the_feedback_file_is_configurable_and_defaults_under_data() {
        assertThat(Settings.from(Map.of()).slack().feedbackFile()).isEqualTo(Path.of("data/feedback.jsonl"));
        assertThat(Settings.from(Map.of("NEWSDESK_FEEDBACK_FILE", "/tmp/votes.jsonl")).slack().feedbackFile())
                .isEqualTo(Path.of("/tmp/votes.jsonl"));
    }
}
