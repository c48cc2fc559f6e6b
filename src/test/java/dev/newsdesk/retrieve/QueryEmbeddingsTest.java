package dev.newsdesk.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.index.Embedder;
import org.junit.jupiter.api.Test;

class QueryEmbeddingsTest {

    @Test
    void embeds_what_the_question_is_about_without_its_scaffolding() {
        assertThat(QueryEmbeddings.essentials("What did the chairman of the Joint Chiefs of Staff say?"))
                .isEqualTo("chairman Joint Chiefs Staff say");
        assertThat(QueryEmbeddings.essentials("Who is it?")).isEqualTo("Who is it?");
    }

    @Test
    void a_repeated_question_gets_the_same_vector_object_without_embedding_again() {
        QueryEmbeddings embeddings = new QueryEmbeddings(Embedder.named(TestEngines.shared().settings().embeddingModel()));
        float[] first = embeddings.of("How far can ATACMS travel?");
        assertThat(first).hasSize(384);
        assertThat(embeddings.of("How far can ATACMS travel?")).isSameAs(first);
    }
}
