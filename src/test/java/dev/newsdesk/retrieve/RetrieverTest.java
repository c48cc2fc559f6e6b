package dev.newsdesk.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.index.Embedder;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.language.QuestionWords;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrieverTest {

    private final ChunkStore index = TestEngines.shared().index();
    private final Retriever retriever = new Retriever(index, new QueryEmbeddings(Embedder.named(TestEngines.shared().settings().embeddingModel()), new QuestionWords()),
            new FollowUpQueryTransformer(), 4, TestEngines.shared().corpus(), new RecencyCues(), 0.5,
            java.time.Duration.ofDays(1));

    @Test
    void fuses_bm_25_and_vector_results_into_the_top_k_chunks() {
        Retriever.Retrieval retrieval = retriever.retrieve("What does ATACMS stand for?", "t", List.of());

        assertThat(retrieval.chunks()).hasSize(4);
        assertThat(retrieval.contents()).hasSize(4);
        assertThat(retrieval.chunks()).flatExtracting(StoredChunk::sentences)
                .anySatisfy(s -> assertThat(s.text()).contains("Army’s Tactical Missile System"));
        assertThat(retrieval.queryVector()).hasSize(384);
    }

    @Test
    void a_chunk_found_by_both_retrievers_appears_once() {
        List<String> ids = retriever.retrieve("Kirby no change to our policy", "t", List.of()).chunks().stream()
                .map(StoredChunk::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }
}
