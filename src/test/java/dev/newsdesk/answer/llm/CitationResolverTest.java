package dev.newsdesk.answer.llm;

import static dev.newsdesk.answer.llm.LlmTestSupport.assertVerbatim;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.answer.CitationVerifier;
import dev.newsdesk.app.Engine;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.index.Embedder;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.language.QuestionWords;
import dev.newsdesk.retrieve.QueryEmbeddings;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How the model's [n] markers become verbatim quotes, over the real seeds and index. */
class CitationResolverTest {

    private static CitationResolver resolver;
    /** Source 1 explains ATACMS; source 2 quotes Stoltenberg. */
    private static List<StoredChunk> sources;

    @BeforeAll
    static void setUp() {
        Engine engine = TestEngines.shared();
        resolver = new CitationResolver(engine.index(),
                new QueryEmbeddings(Embedder.named(engine.settings().embeddingModel()), new QuestionWords()), new CitationVerifier(engine.corpus()),
                engine.settings().tuning().llmMinSupport(), engine.settings().tuning().llmOverlapShare());
        sources = List.of(chunk(engine, "ATACMS, which stands for"), chunk(engine, "time has come to consider"));
    }

    private static StoredChunk chunk(Engine engine, String containing) {
        return engine.index().byIds(engine.index().bm25(containing, 20).stream().map(ChunkStore.Hit::id).toList()).stream()
                .filter(c -> c.sentences().stream().anyMatch(s -> s.text().contains(containing)))
                .findFirst().orElseThrow();
    }

    private static Answer resolve(String text) {
        CitationResolver.Resolved r = resolver.resolve(text, sources);
        return new Answer(r.text(), false, r.citations(), Answer.LLM, 0, null, null, null);
    }

    @Test
    void each_marker_quotes_the_sentence_of_its_source_that_backs_the_claim() {
        Answer answer = resolve("ATACMS stands for the Army Tactical Missile System [1]. NATO's chief said the time"
                + " has come to consider lifting some restrictions [2].");

        assertThat(answer.answer()).isEqualTo("ATACMS stands for the Army Tactical Missile System [1]. NATO's chief"
                + " said the time has come to consider lifting some restrictions [2].");
        assertThat(answer.citations()).extracting(Citation::quote)
                .satisfiesExactly(q -> assertThat(q).contains("stands for the Army’s Tactical Missile System"),
                        q -> assertThat(q).contains("time has come to consider"));
        assertVerbatim(answer, TestEngines.SEEDS);
    }

    @Test
    void numbers_outside_the_sources_are_removed_with_the_sentence_they_alone() {
        Answer answer = resolve("ATACMS stands for the Army Tactical Missile System [1][0]. It is made of cheese [3]."
                + " It costs [99999999999999].");

        assertThat(answer.answer()).isEqualTo("ATACMS stands for the Army Tactical Missile System [1].");
        assertThat(answer.citations()).hasSize(1);
    }

    @Test
    void a_source_that_does_not_back_the_claim_is_not_cited() {
        Answer answer = resolve("ATACMS stands for the Army Tactical Missile System [1]. It is made of cheese [1].");

        assertThat(answer.answer()).isEqualTo("ATACMS stands for the Army Tactical Missile System [1].");
    }

    @Test
    void lists_and_markers_after_the_full_stop_belong_to_the_sentence_before() {
        Answer answer = resolve("ATACMS stands for the Army Tactical Missile System. [1, 2] Nothing else is known.");

        assertThat(answer.answer()).isEqualTo("ATACMS stands for the Army Tactical Missile System. [1] Nothing else"
                + " is known.");
        assertThat(answer.citations()).hasSize(1);
    }

    @Test
    void the_same_sentence_cited_twice_keeps_one_number() {
        Answer answer = resolve("ATACMS stands for the Army Tactical Missile System [1]. It is a ground-based"
                + " surface-to-surface missile of the Army's Tactical Missile System [1].");

        assertThat(answer.citations()).hasSize(1);
        assertThat(answer.answer()).doesNotContain("[2]");
    }

    @Test
    void text_without_markers_has_no_citations() {
        assertThat(resolve("ATACMS stands for the Army Tactical Missile System.").citations()).isEmpty();
    }
}
