package dev.newsdesk.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.FictionalCorpus;
import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import dev.newsdesk.index.Embedder;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.language.QuestionWords;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hybrid retrieval over a small corpus written for it, with the real index and embedding model. */
class RetrieverTest {

    private static Engine engine;
    private static Retriever retriever;

    @BeforeAll
    static void index() {
        engine = Engine.start(TestEngines.settings(FictionalCorpus.write(), TestEngines.tempDir("newsdesk-retriever-index"),
                Map.of("NEWSDESK_READER", "off")), s -> { }, (d, t, f) -> { });
        retriever = new Retriever(engine.index(),
                new QueryEmbeddings(Embedder.named(engine.settings().embeddingModel()), new QuestionWords()),
                new FollowUpQueryTransformer(), 3, engine.corpus(), new RecencyCues(), 0.5, Duration.ofDays(1));
    }

    @AfterAll
    static void close() throws IOException {
        engine.close();
    }

    @Test
    void fuses_bm_25_and_vector_results_into_the_top_k_chunks_with_the_answer_among_them() {
        Retriever.Retrieval retrieval = retriever.retrieve("How far can one of the cargo drones fly?", "t", List.of());

        assertThat(retrieval.chunks()).hasSize(3);
        assertThat(retrieval.contents()).hasSize(3);
        assertThat(retrieval.chunks()).flatExtracting(StoredChunk::sentences)
                .anySatisfy(s -> assertThat(s.text()).contains("85 kilometres"));
        assertThat(retrieval.queryVector()).hasSize(384);
    }

    @Test
    void a_chunk_found_by_both_retrievers_appears_once() {
        List<String> ids = retriever.retrieve("Margit Halvorsen opened the new observatory dome", "t", List.of())
                .chunks().stream().map(StoredChunk::id).toList();

        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        assertThat(ids.get(0)).startsWith("observatory.txt#");
    }
}
