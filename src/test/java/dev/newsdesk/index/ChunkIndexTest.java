package dev.newsdesk.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkIndexTest {

    private final ChunkStore index = TestEngines.shared().index();

    private List<StoredChunk> load(List<ChunkStore.Hit> hits) {
        return index.byIds(hits.stream().map(ChunkStore.Hit::id).toList());
    }

    @Test
    void bm_25_finds_the_chunk_that_holds_the_words() {
        List<ChunkStore.Hit> hits = index.bm25("ATACMS 180 miles", 3);
        assertThat(hits).extracting(ChunkStore.Hit::score).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        assertThat(load(hits).get(0).sentences()).anySatisfy(s -> assertThat(s.text()).contains("180 miles"));
    }

    @Test
    void knn_finds_a_paraphrase_that_shares_no_words() {
        float[] query = Embedder.named("all-minilm-l6-v2-q").embedQuery("distance the rockets can fly");
        assertThat(load(index.knn(query, 5))).anySatisfy(chunk -> assertThat(chunk.sentences())
                .anySatisfy(s -> assertThat(s.text()).contains("180 miles")));
    }

    @Test
    void chunks_come_back_with_the_vectors_and_terms_of_each_sentence() {
        List<ChunkStore.Hit> hits = index.bm25("Kirby", 2);
        StoredChunk chunk = load(hits).get(0);
        assertThat(chunk.id()).isEqualTo(hits.get(0).id());
        assertThat(chunk.sentenceVectors()).hasSameSizeAs(chunk.sentences());
        assertThat(chunk.sentenceVectors().get(0)).hasSize(384);
        assertThat(chunk.sentenceTerms()).hasSameSizeAs(chunk.sentences());
        assertThat(chunk.sentenceTerms().get(0)).containsExactlyInAnyOrderElementsOf(
                new HashSet<>(index.terms(chunk.sentences().get(0).text())));
    }

    @Test
    void a_word_form_the_index_lacks_maps_to_the_form_it_has() {
        assertThat(index.docFreq("threaten")).isZero();
        assertThat(index.nearestKnown("threaten")).contains("threat");
        assertThat(index.docFreq("annex")).isZero();
        assertThat(index.nearestKnown("annex")).hasValueSatisfying(t -> assertThat(t).startsWith("annex"));
        assertThat(index.nearestKnown("taiwan")).isEmpty();
        assertThat(index.nearestKnown("iran")).as("too short to guess").isEmpty();
    }

    @Test
    void by_ids_keeps_the_order_asked_and_skips_unknown_ids() {
        List<String> ids = index.bm25("Ukraine weapons", 3).stream().map(ChunkStore.Hit::id).toList();
        List<String> asked = List.of(ids.get(2), "nope.txt#0", ids.get(0));
        assertThat(index.byIds(asked)).extracting(StoredChunk::id).containsExactly(ids.get(2), ids.get(0));
    }

    @Test
    void analysis_stems_gently_so_related_forms_match() {
        assertThat(index.terms("ties")).isEqualTo(index.terms("tie"));
        assertThat(index.terms("one")).isNotEqualTo(index.terms("on"));
    }
}
