package dev.newsdesk.answer.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.app.Engine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnreachableModelTest {

    @Test
    void a_model_nobody_listens_for_falls_back_to_quotes_with_a_notice() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        Map<String, String> env = Map.of("NEWSDESK_LLM", "openai", "OPENAI_BASE_URL", "http://127.0.0.1:" + closedPort + "/v1",
                "NEWSDESK_LLM_TIMEOUT_SECONDS", "2", "NEWSDESK_LLM_MAX_RETRIES", "0");
        try (Engine engine = Engine.start(TestEngines.settings(TestEngines.SEEDS, TestEngines.tempDir("newsdesk-llm-index"),
                env), s -> { }, (d, t, f) -> { }, metrics)) {

            Answer answer = engine.answers().ask("What does the name ATACMS stand for?", null);

            assertThat(answer.mode()).isEqualTo(Answer.EXTRACTIVE_FALLBACK);
            assertThat(answer.notice()).contains("cannot be reached");
            assertThat(answer.answer()).contains("Army").contains("Tactical Missile System");
            assertThat(metrics.counter("newsdesk.llm.fallbacks", "reason", "unreachable").count()).isEqualTo(1);
        }
    }
}
