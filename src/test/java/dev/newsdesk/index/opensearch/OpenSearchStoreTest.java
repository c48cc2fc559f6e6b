package dev.newsdesk.index.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.app.Engine;
import dev.newsdesk.config.Settings;
import dev.newsdesk.eval.EvalQuestion;
import dev.newsdesk.eval.Evaluation;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.index.IndexBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenSearch store against the Lucene one, on a real two-node cluster: the same seeds, the same
 * questions, the same answers. (A node stopping under load: WebOpenSearchLoadTest.)
 */
@ExtendWith(OpenSearchCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSearchStoreTest {

    private static final List<EvalQuestion> SEED_QUESTIONS = Evaluation.load(Path.of("eval/questions.jsonl"));

    // Both stores answer without the reader: it reads the same chunks from either, and only costs time here.
    private final Engine lucene = TestEngines.sharedWithoutReader();
    private Engine cluster;

    @BeforeAll
    void indexTheSeedsIntoTheCluster() {
        cluster = Engine.start(settings(OpenSearchCluster.SEEDS_PREFIX), s -> { }, (d, t, f) -> { });
    }

    /** The seeds in the test cluster under {@code prefix}, in two shards (so BM25 must use the whole index's statistics). */
    private static Settings settings(String prefix) {
        return TestEngines.settings(TestEngines.SEEDS, TestEngines.tempDir("unused-index"), Map.of(
                "NEWSDESK_STORE", "opensearch",
                "OPENSEARCH_URL", OpenSearchCluster.running().urls(),
                "OPENSEARCH_INDEX", prefix,
                "OPENSEARCH_SHARDS", "2",
                "OPENSEARCH_REPLICAS", "1",
                "NEWSDESK_READER", "off"));
    }

    @AfterAll
    void close() throws IOException {
        cluster.close();
    }

    @Test
    void holds_as_many_chunks_as_the_lucene_index_with_the_same_term_statistics() {
        ChunkStore store = cluster.index();
        assertThat(store.chunkCount()).isEqualTo(lucene.index().chunkCount());
        List<String> terms = SEED_QUESTIONS.stream().flatMap(q -> store.terms(q.question()).stream()).distinct().toList();
        assertThat(terms).allSatisfy(t -> assertThat(store.docFreq(t)).as(t).isEqualTo(lucene.index().docFreq(t)));
        assertThat(terms).allSatisfy(t -> assertThat(store.nearestKnown(t)).as(t).isEqualTo(lucene.index().nearestKnown(t)));
    }

    @Test
    void an_answer_costs_one_round_trip_to_retrieve_and_one_per_statement_it_looks_for_in_other_reports() {
        cluster.answers().ask("Who spoke at the press conference?", null); // the vocabulary is read once
        // The fewest of three: a statistic read again in the background may fall into one of them. Each is
        // asked once before, so that words the articles lack are known to be missing (the cluster told).
        long fewest = Long.MAX_VALUE;
        int statements = 0;
        for (String question : List.of("Which weapons did the officials discuss sending?",
                "What did the spokesman warn about?", "Where did the minister travel before the talks?")) {
            cluster.answers().ask(question, null);
            long before = cluster.index().roundTrips();
            Answer answer = cluster.answers().ask(question, null);
            long trips = cluster.index().roundTrips() - before;
            int quoted = (int) answer.citations().stream().map(Citation::quote).distinct().count();
            if (trips - quoted < fewest - statements) {
                fewest = trips;
                statements = quoted;
            }
        }
        // BM25 and kNN load the chunks they find; term statistics come from the vocabulary in memory.
        assertThat(fewest).isLessThanOrEqualTo(2 + statements);
    }

    @Test
    void answers_the_seed_questions_as_the_lucene_index_does() {
        List<EvalQuestion> differ = SEED_QUESTIONS.stream().filter(q -> !sameAnswer(q.question())).toList();
        System.out.printf("OpenSearch store: %d of %d seed questions answered identically%n",
                SEED_QUESTIONS.size() - differ.size(), SEED_QUESTIONS.size());
        assertThat((double) differ.size() / SEED_QUESTIONS.size()).as("differing: %s", differ).isLessThanOrEqualTo(0.05);
    }

    @Test
    void a_copied_lucene_index_answers_as_the_one_it_was_copied_from_without_embedding_again() throws IOException {
        Settings copied = settings("copied");
        IndexBuilder.Report report = Engine.copy(copied, lucene.settings().index(), s -> { }, (d, t, f) -> { });
        assertThat(report.chunks()).isEqualTo(lucene.index().chunkCount());

        try (Engine fromCopy = Engine.start(copied, s -> { }, (d, t, f) -> { })) {
            assertThat(SEED_QUESTIONS.subList(0, 30)).allSatisfy(q -> assertThat(fromCopy.answers().ask(q.question(), null).answer())
                    .isEqualTo(lucene.answers().ask(q.question(), null).answer()));
        }
    }

    private boolean sameAnswer(String question) {
        Answer fromCluster = cluster.answers().ask(question, null);
        Answer fromLucene = lucene.answers().ask(question, null);
        return fromCluster.answer().equals(fromLucene.answer()) && files(fromCluster).equals(files(fromLucene));
    }

    private static Set<String> files(Answer answer) {
        return answer.citations().stream().map(Citation::file).collect(Collectors.toSet());
    }
}
