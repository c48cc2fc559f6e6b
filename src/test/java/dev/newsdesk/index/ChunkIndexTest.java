package dev.newsdesk.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkIndexTest {

    private final ChunkIndex index = TestEngines.shared().index();

    @Test
    void bm25_finds_the_chunk_that_holds_the_words() {
        List<ChunkIndex.Hit> hits = index.bm25("ATACMS 180 miles", 3);
        assertThat(hits.get(0).chunk().sentences()).anySatisfy(s -> assertThat(s.text()).contains("180 miles"));
    }

    @Test
    void knn_finds_a_paraphrase_that_shares_no_words() {
        float[] query = Embedder.named("all-minilm-l6-v2").embedQuery("distance the rockets can fly");
        List<ChunkIndex.Hit> hits = index.knn(query, 5);
        assertThat(hits).anySatisfy(h -> assertThat(h.chunk().sentences())
                .anySatisfy(s -> assertThat(s.text()).contains("180 miles")));
    }

    @Test
    void chunks_come_back_with_one_vector_per_sentence() {
        StoredChunk chunk = index.bm25("Kirby", 1).get(0).chunk();
        assertThat(chunk.sentenceVectors()).hasSameSizeAs(chunk.sentences());
        assertThat(chunk.sentenceVectors().get(0)).hasSize(384);
        assertThat(index.byIds(List.of(chunk.id()))).extracting(StoredChunk::id).containsExactly(chunk.id());
    }

    @Test
    void analysis_stems_gently_so_related_forms_match() {
        assertThat(index.terms("ties")).isEqualTo(index.terms("tie"));
        assertThat(index.terms("one")).isNotEqualTo(index.terms("on"));
    }
}
