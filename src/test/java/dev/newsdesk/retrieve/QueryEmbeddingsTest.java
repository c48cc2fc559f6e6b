package dev.newsdesk.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.index.Embedder;
import dev.newsdesk.language.QuestionWords;
import org.junit.jupiter.api.Test;

class QueryEmbeddingsTest {

    @Test
    void a_repeated_question_gets_the_same_vector_object_without_embedding_again() {
        QueryEmbeddings embeddings = new QueryEmbeddings(Embedder.named(TestEngines.shared().settings().embeddingModel()),
                new QuestionWords());
        float[] first = embeddings.of("How far can the ferry sail on one tank?");
        assertThat(first).hasSize(384);
        assertThat(embeddings.of("How far can the ferry sail on one tank?")).isSameAs(first);
    }
}
