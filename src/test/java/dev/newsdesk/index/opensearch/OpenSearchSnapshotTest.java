package dev.newsdesk.index.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsdesk.FictionalCorpus;
import dev.newsdesk.TestEngines;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.app.Engine;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Backups of the cluster store: a restored snapshot answers as the cluster it was taken from. */
@ExtendWith(OpenSearchCluster.class)
class OpenSearchSnapshotTest {

    private static final List<String> QUESTIONS = List.of("How far can one of the cargo drones fly?",
            "Who opened the new dome of the observatory?", "When will schools be able to book the telescope?");

    private final Path corpus = FictionalCorpus.write();

    private Settings settings(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "NEWSDESK_STORE", "opensearch",
                "OPENSEARCH_URL", OpenSearchCluster.running().urls(),
                "OPENSEARCH_INDEX", "backup",
                "OPENSEARCH_TIMEOUT_SECONDS", "1",
                "NEWSDESK_READER", "off"));
        env.putAll(more);
        return TestEngines.settings(corpus, TestEngines.tempDir("unused-index"), env);
    }

    private static List<String> answers(Engine engine) {
        List<String> answers = new ArrayList<>();
        for (String question : QUESTIONS) {
            Answer answer = engine.answers().ask(question, null);
            answers.add(answer.answer() + " " + answer.citations().stream().map(Citation::file).toList());
        }
        return answers;
    }

    @Test
    void a_cluster_that_lost_its_indices_answers_as_before_from_its_snapshot_without_embedding_again() throws IOException {
        Settings settings = settings(Map.of("OPENSEARCH_SNAPSHOT_LOCATION", OpenSearchCluster.running().snapshots().toString()));
        List<String> before;
        try (Engine engine = Engine.start(settings, s -> { }, (d, t, f) -> { })) {
            before = answers(engine);
        }
        Snapshots.Taken taken = Snapshots.take(settings.store(), s -> { });
        assertThat(taken.chunks()).isPositive();

        OpenSearchIndexer.drop(settings.store());
        assertThat(OpenSearchCluster.running().indices("backup-*")).isEmpty();
        String restored = Snapshots.restore(settings.store(), null, s -> { });

        List<String> log = new ArrayList<>();
        try (Engine engine = Engine.start(settings, log::add, (d, t, f) -> log.add("embedding " + d))) {
            assertThat(answers(engine)).isEqualTo(before);
        }
        assertThat(restored).startsWith("backup-chunks-restored-");
        assertThat(OpenSearchCluster.running().indices("backup-chunks-*")).containsExactly(restored);
        assertThat(log).as("the restored manifest matches the corpus: nothing is indexed again").isEmpty();
    }

    @Test
    void a_snapshot_needs_a_repository_the_nodes_allow_and_says_how_to_set_one() {
        Settings unset = settings(Map.of());
        Settings outside = settings(Map.of("OPENSEARCH_SNAPSHOT_LOCATION", TestEngines.tempDir("not-path-repo").toString()));

        assertThatThrownBy(() -> Snapshots.take(unset.store(), s -> { })).isInstanceOf(NewsdeskException.class)
                .hasMessageContaining("OPENSEARCH_SNAPSHOT_LOCATION").hasMessageContaining("path.repo");
        assertThatThrownBy(() -> Snapshots.take(outside.store(), s -> { })).isInstanceOf(NewsdeskException.class)
                .hasMessageContaining("path.repo");
    }
}
