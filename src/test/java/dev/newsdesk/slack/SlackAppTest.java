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
    void healthSaysOnAndNamesTheBotOnceSlackHasToldIt() throws Exception {
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
    void withoutASigningSecretTheAppIsNotCreated() {
        Settings.Slack off = Settings.from(Map.of()).slack();

        assertThat(off.enabled()).isFalse();
        assertThatThrownBy(() -> new SlackApp(off, TestEngines.shared().answers(), new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SLACK_SIGNING_SECRET");
    }

    @Test
    void theFeedbackFileIsConfigurableAndDefaultsUnderData() {
        assertThat(Settings.from(Map.of()).slack().feedbackFile()).isEqualTo(Path.of("data/feedback.jsonl"));
        assertThat(Settings.from(Map.of("NEWSDESK_FEEDBACK_FILE", "/tmp/votes.jsonl")).slack().feedbackFile())
                .isEqualTo(Path.of("/tmp/votes.jsonl"));
    }
}
