package dev.newsdesk.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsdesk.FictionalCorpus;
import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import dev.newsdesk.index.Embedder;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.language.QuestionWords;
import java.io.IOException;
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
        // The builder's defaults: the follow-up rewrite, BM25 and kNN, plain reciprocal rank fusion.
        retriever = Retriever.builder().store(engine.index()).topK(3)
                .embeddings(new QueryEmbeddings(Embedder.named(engine.settings().embeddingModel()), new QuestionWords()))
                .build();
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

    @Test
    void a_retriever_needs_a_store_query_embeddings_and_a_positive_top_k() {
        assertThatThrownBy(() -> Retriever.builder().topK(3).build()).hasMessageContaining("store");
        assertThatThrownBy(() -> Retriever.builder().store(engine.index()).topK(3).build())
                .hasMessageContaining("embeddings");
        assertThatThrownBy(() -> Retriever.builder().store(engine.index()).embeddings(
                new QueryEmbeddings(Embedder.named(engine.settings().embeddingModel()), new QuestionWords())).build())
                .hasMessageContaining("topK");
    }
}
