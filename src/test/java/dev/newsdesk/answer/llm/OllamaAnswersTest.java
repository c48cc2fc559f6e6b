package dev.newsdesk.answer.llm;

import static dev.newsdesk.answer.llm.LlmTestSupport.assertVerbatim;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.llm.LlmTestSupport.Recorder;
import dev.newsdesk.answer.llm.StandInModel.Status;
import dev.newsdesk.answer.llm.StandInModel.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LLM answers through the real LangChain4j Ollama clients against a local stand-in server. */
class OllamaAnswersTest {

    @RegisterExtension
    static final LlmTestSupport.StandIn STAND_IN = new LlmTestSupport.StandIn("ollama", 5);

    @Test
    void streams_a_cited_answer_from_ndjson() {
        String[] text = new String[1];
        STAND_IN.model().script(r -> new Text(text[0] = "ATACMS stands for the Army Tactical Missile System ["
                + r.sourceContaining("Tactical Missile System") + "]. It is made of cheese [42]."));
        Recorder recorder = new Recorder();

        Answer answer = STAND_IN.engine().answers().ask("What does the name ATACMS stand for?", null, recorder);

        assertThat(STAND_IN.model().requests()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/api/chat"));
        assertThat(recorder.deltas).containsExactlyElementsOf(StandInModel.tokens(text[0]));
        assertThat(answer.mode()).isEqualTo(Answer.LLM);
        assertThat(answer.answer()).isEqualTo("ATACMS stands for the Army Tactical Missile System [1].");
        assertVerbatim(answer, TestEngines.SEEDS);
    }

    @Test
    void a_server_error_falls_back_to_the_extractive_answer() {
        STAND_IN.model().script(r -> new Status(500));

        Answer answer = STAND_IN.engine().answers().ask("What does the name ATACMS stand for?", null);

        assertThat(answer.mode()).isEqualTo(Answer.EXTRACTIVE_FALLBACK);
        assertThat(answer.answer()).contains("Army").contains("Tactical Missile System");
        assertThat(STAND_IN.metrics().counter("newsdesk.llm.fallbacks", "reason", "server_error").count()).isPositive();
    }

    @Test
    void describes_the_backend() {
        assertThat(STAND_IN.engine().health().llm()).isEqualTo("ollama:stand-in@" + STAND_IN.model().ollamaUrl());
    }
}
