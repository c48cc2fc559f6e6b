package dev.newsdesk.answer.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.AnswerListener;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.app.Engine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Engines whose model is a stand-in, and checks shared by the LLM tests. */
final class LlmTestSupport {

    private LlmTestSupport() {
    }

    /** An engine over {@code corpus} answering through {@code backend} ("openai" or "ollama") at the stand-in. */
    static Engine engine(Path corpus, StandInModel model, String backend, int timeoutSeconds, MeterRegistry metrics) {
        Map<String, String> env = new HashMap<>();
        env.put("NEWSDESK_LLM", backend);
        env.put("OPENAI_BASE_URL", model.openAiUrl());
        env.put("OLLAMA_BASE_URL", model.ollamaUrl());
        env.put("OPENAI_API_KEY", "sk-test-secret");
        env.put("NEWSDESK_LLM_MODEL", "stand-in");
        env.put("NEWSDESK_LLM_TIMEOUT_SECONDS", String.valueOf(timeoutSeconds));
        env.put("NEWSDESK_LLM_MAX_RETRIES", "0");
        return Engine.start(TestEngines.settings(corpus, TestEngines.tempDir("newsdesk-llm-index"), env),
                s -> { }, (d, t, f) -> { }, metrics);
    }

    /**
     * A stand-in model and an engine answering through it, for a whole test class:
     * {@code @RegisterExtension static final StandIn STAND_IN = new StandIn("openai", 2);}
     */
    static final class StandIn implements BeforeAllCallback, AfterAllCallback {
        private final String backend;
        private final int timeoutSeconds;
        private StandInModel model;
        private SimpleMeterRegistry metrics;
        private Engine engine;

        StandIn(String backend, int timeoutSeconds) {
            this.backend = backend;
            this.timeoutSeconds = timeoutSeconds;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            model = new StandInModel();
            metrics = new SimpleMeterRegistry();
            engine = LlmTestSupport.engine(TestEngines.SEEDS, model, backend, timeoutSeconds, metrics);
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            engine.close();
            model.close();
        }

        StandInModel model() {
            return model;
        }

        SimpleMeterRegistry metrics() {
            return metrics;
        }

        Engine engine() {
            return engine;
        }
    }

    /** Every citation quotes its file exactly at its code-point offsets. */
    static void assertVerbatim(Answer answer, Path corpus) {
        for (Citation c : answer.citations()) {
            String text = read(corpus.resolve(c.file()));
            String span = text.codePoints().skip(c.start()).limit(c.end() - c.start())
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            assertThat(c.quote()).as("citation [%d] of %s", c.n(), c.file()).isEqualTo(span);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records what a streaming front end would receive, in order. */
    static final class Recorder implements AnswerListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> deltas = new CopyOnWriteArrayList<>();
        final List<List<Citation>> sources = new CopyOnWriteArrayList<>();

        @Override
        public void onSources(List<Citation> given) {
            events.add("sources");
            sources.add(given);
        }

        @Override
        public void onDelta(String text) {
            events.add("delta");
            deltas.add(text);
        }

        String streamed() {
            return String.join("", deltas);
        }
    }
}
