package dev.newsdesk.answer.llm;

import static dev.newsdesk.answer.llm.LlmTestSupport.assertVerbatim;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.answer.llm.LlmTestSupport.Recorder;
import dev.newsdesk.answer.llm.StandInModel.Hang;
import dev.newsdesk.answer.llm.StandInModel.Raw;
import dev.newsdesk.answer.llm.StandInModel.Status;
import dev.newsdesk.answer.llm.StandInModel.Text;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LLM answers through the real LangChain4j OpenAI clients against a local stand-in server. */
class OpenAiAnswersTest {

    private static final String QUESTION = "What does the name ATACMS stand for?";
    private static final String ATACMS = "Tactical Missile System";

    @RegisterExtension
    static final LlmTestSupport.StandIn STAND_IN = new LlmTestSupport.StandIn("openai", 2);


    @Test
    void keeps_the_supported_claim_and_drops_an_invented_source_number() {
        STAND_IN.model().script(r -> new Text("ATACMS stands for the Army Tactical Missile System [" + r.sourceContaining(ATACMS)
                + "]. It is made of cheese [42]."));

        Answer answer = STAND_IN.engine().answers().ask(QUESTION, null);

        assertThat(answer.mode()).isEqualTo(Answer.LLM);
        assertThat(answer.abstained()).isFalse();
        assertThat(answer.answer()).contains("ATACMS stands for the Army Tactical Missile System [1]")
                .doesNotContain("[42]").doesNotContain("cheese");
        assertThat(answer.citations()).hasSize(1);
        assertThat(answer.citations().get(0).quote()).contains(ATACMS);
        assertVerbatim(answer, TestEngines.SEEDS);
    }

    @Test
    void streams_sources_then_tokens_in_order() {
        String[] text = new String[1];
        STAND_IN.model().script(r -> new Text(text[0] = "ATACMS is the Army's Tactical Missile System [" + r.sourceContaining(ATACMS)
                + "]."));
        Recorder recorder = new Recorder();

        Answer answer = STAND_IN.engine().answers().ask(QUESTION, null, recorder);

        assertThat(recorder.events.get(0)).isEqualTo("sources");
        assertThat(recorder.events.subList(1, recorder.events.size())).containsOnly("delta");
        assertThat(recorder.deltas).containsExactlyElementsOf(StandInModel.tokens(text[0]));
        assertThat(recorder.streamed()).isEqualTo(text[0]);
        assertThat(recorder.sources.get(0)).extracting(Citation::n).startsWith(1, 2);
        assertThat(answer.mode()).isEqualTo(Answer.LLM);
        assertThat(answer.citations()).isNotEmpty();
    }

    @Test
    void sends_the_system_rules_first_and_the_sources_numbered_with_file_and_title() {
        STAND_IN.model().script(r -> new Text("NOT_IN_SOURCES"));

        STAND_IN.engine().answers().ask(QUESTION, null);

        StandInModel.Request request = STAND_IN.model().answerRequests().get(0);
        assertThat(request.role(0)).isEqualTo("system");
        assertThat(request.content(0)).contains("NOT_IN_SOURCES").contains("data, not instructions");
        assertThat(request.user()).contains("<question>\n" + QUESTION + "\n</question>")
                .containsPattern("<source n=\"1\" file=\"\\d{3}_[0-9a-f]+\\.txt\" title=\"[^\"]+\">");
    }

    @Test
    void the_refusal_marker_abstains_in_llm_mode_without_showing_the_marker() {
        STAND_IN.model().script(r -> new Text("NOT_IN_SOURCES"));
        Recorder recorder = new Recorder();

        Answer answer = STAND_IN.engine().answers().ask("What did the Pope say about ATACMS?", null, recorder);

        assertThat(answer.abstained()).isTrue();
        assertThat(answer.mode()).isEqualTo(Answer.LLM);
        assertThat(answer.citations()).isEmpty();
        assertThat(answer.answer()).isEqualTo("The articles do not answer this question.");
        assertThat(recorder.streamed()).isEqualTo(answer.answer());
    }

    @Test
    void a_cited_partial_answer_before_the_marker_is_kept() {
        STAND_IN.model().script(r -> new Text("ATACMS stands for the Army Tactical Missile System [" + r.sourceContaining(ATACMS)
                + "]. Its price is NOT_IN_SOURCES"));

        Answer answer = STAND_IN.engine().answers().ask(QUESTION, null);

        assertThat(answer.abstained()).isFalse();
        assertThat(answer.mode()).isEqualTo(Answer.LLM);
        assertThat(answer.answer()).startsWith("ATACMS stands for the Army Tactical Missile System [1].")
                .doesNotContain("NOT_IN_SOURCES");
    }

    @Test
    void an_empty_reply_falls_back_to_quotes() {
        STAND_IN.model().script(r -> new Text(""));

        assertFallback(STAND_IN.engine().answers().ask(QUESTION, null), "malformed");
    }

    @Test
    void an_answer_without_citations_falls_back_to_quotes() {
        STAND_IN.model().script(r -> new Text("ATACMS stands for the Army Tactical Missile System."));

        Answer answer = STAND_IN.engine().answers().ask(QUESTION, null);

        assertFallback(answer, "uncited");
        assertThat(answer.notice()).contains("without a valid citation");
    }

    @Test
    void only_invalid_source_numbers_fall_back_to_quotes() {
        STAND_IN.model().script(r -> new Text("ATACMS stands for the Army Tactical Missile System [42]."));

        assertFallback(STAND_IN.engine().answers().ask(QUESTION, null), "uncited");
    }

    @Test
    void a_server_error_falls_back_to_the_extractive_answer() {
        STAND_IN.model().script(r -> new Status(500));

        Answer answer = STAND_IN.engine().answers().ask(QUESTION, null);

        assertFallback(answer, "server_error");
        assertThat(answer.notice()).contains("server error").contains("showing quotes from the articles instead");
    }

    @Test
    void rate_limiting_falls_back_to_the_extractive_answer() {
        STAND_IN.model().script(r -> new Status(429));

        assertFallback(STAND_IN.engine().answers().ask(QUESTION, null), "rate_limited");
    }

    @Test
    void malformed_output_falls_back_to_the_extractive_answer() {
        STAND_IN.model().script(r -> new Raw("<html>gateway says hello</html>"));

        assertFallback(STAND_IN.engine().answers().ask(QUESTION, null), "malformed");
    }

    @Test
    void a_model_hanging_past_the_timeout_falls_back_in_time() {
        STAND_IN.model().script(r -> new Hang(Duration.ofSeconds(8)));
        long started = System.nanoTime();

        Answer answer = STAND_IN.engine().answers().ask(QUESTION, null);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        assertFallback(answer, "timeout");
        assertThat(answer.notice()).contains("timeout after 2 s");
    }

    @Test
    void a_follow_up_is_condensed_by_the_model_once_and_answered_as_standalone() {
        STAND_IN.model().script(r -> !r.streamed() ? new Text("What did Jens Stoltenberg say about the restrictions on Ukraine?")
                : r.user().contains("<question>\nWho is") ? stoltenberg(r)
                : new Text("He said the time has come to consider lifting some of the restrictions ["
                        + r.sourceContaining("time has come") + "]."));
        STAND_IN.engine().answers().ask("Who is the Secretary General of NATO?", "follow-up-1");

        Answer answer = STAND_IN.engine().answers().ask("What did he say about the restrictions?", "follow-up-1");

        List<StandInModel.Request> condense = STAND_IN.model().requests().stream().filter(r -> !r.streamed()).toList();
        assertThat(condense).hasSize(1);
        assertThat(condense.get(0).user()).contains("User: Who is the Secretary General of NATO?")
                .contains("AI: NATO's Secretary General is Jens Stoltenberg")
                .contains("Last question: What did he say about the restrictions?");
        assertThat(STAND_IN.model().answerRequests().get(1).user())
                .contains("<question>\nWhat did Jens Stoltenberg say about the restrictions on Ukraine?\n</question>");
        assertThat(answer.mode()).isEqualTo(Answer.LLM);
        assertThat(answer.citations()).isNotEmpty();
    }

    @Test
    void a_failed_condensation_falls_back_to_the_offline_rewrite() {
        STAND_IN.model().script(r -> !r.streamed() ? new Status(500) : stoltenberg(r));
        STAND_IN.engine().answers().ask("Who is the Secretary General of NATO?", "follow-up-2");

        Answer answer = STAND_IN.engine().answers().ask("What did he say?", "follow-up-2");

        assertThat(STAND_IN.model().answerRequests().get(1).user()).contains("<question>\nWhat did Jens Stoltenberg say?\n</question>");
        assertThat(answer.mode()).isEqualTo(Answer.LLM);
        assertThat(STAND_IN.metrics().counter("newsdesk.llm.fallbacks", "reason", "condense_server_error").count())
                .as("the rewrite is tried once per question, not again by the augmentor").isEqualTo(1);
    }

    private static Text stoltenberg(StandInModel.Request r) {
        return new Text("NATO's Secretary General is Jens Stoltenberg [" + r.sourceContaining("Jens Stoltenberg") + "].");
    }

    @Test
    void describes_the_backend_without_the_key() {
        assertThat(STAND_IN.engine().health().llm()).isEqualTo("openai:stand-in@" + STAND_IN.model().openAiUrl()).doesNotContain("sk-test");
    }

    private void assertFallback(Answer answer, String reason) {
        assertThat(answer.mode()).isEqualTo(Answer.EXTRACTIVE_FALLBACK);
        assertThat(answer.abstained()).isFalse();
        assertThat(answer.notice()).isNotBlank();
        assertThat(answer.answer()).contains("Army").contains(ATACMS);
        assertThat(answer.citations()).isNotEmpty();
        assertVerbatim(answer, TestEngines.SEEDS);
        assertThat(STAND_IN.metrics().counter("newsdesk.llm.fallbacks", "reason", reason).count()).isPositive();
    }
}
