package dev.newsdesk.index.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsdesk.FictionalCorpus;
import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The election of the one writer among the processes serving from a cluster, on the real cluster. */
@ExtendWith(OpenSearchCluster.class)
class WriterLeaseTest {

    private static final Duration PERIOD = Duration.ofMillis(900);

    private final List<String> events = new CopyOnWriteArrayList<>();
    private Settings.Store store;
    private Cluster cluster;

    @BeforeEach
    void buildAnArchive() {
        Settings settings = TestEngines.settings(FictionalCorpus.write(), TestEngines.tempDir("unused"), Map.of(
                "NEWSDESK_STORE", "opensearch",
                "OPENSEARCH_URL", OpenSearchCluster.running().urls(),
                "OPENSEARCH_INDEX", "lease",
                "NEWSDESK_READER", "off"));
        Engine.index(settings, s -> { }, (d, t, f) -> { });
        store = settings.store();
        cluster = Cluster.connect(store);
        cluster.sendOrMissing("DELETE", "/lease-manifest/_doc/writer-lease?refresh=true", null);
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    private WriterLease lease(String name) {
        return new WriterLease(cluster, "lease-manifest", "http://" + name + "/", PERIOD, new WriterLease.Listener() {
            @Override
            public void lead() {
                events.add(name + " leads");
            }

            @Override
            public void follow() {
                events.add(name + " follows");
            }
        }, s -> { });
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void one_process_writes_the_other_knows_where_and_takes_over_at_once_when_it_hands_the_lease_back()
            throws InterruptedException {
        WriterLease a = lease("a");
        WriterLease b = lease("b");
        a.start();
        await(a::held);
        b.start();
        Thread.sleep(PERIOD.toMillis() / 2);

        assertThat(b.held()).isFalse();
        assertThat(b.writerElsewhere()).contains("http://a/");
        a.close();
        await(b::held);
        b.close();
        assertThat(events).containsExactly("a leads", "b leads");
    }

    @Test
    void a_lease_nobody_renews_is_taken_over_and_its_old_holder_learns_it_no_longer_writes() throws InterruptedException {
        WriterLease crashed = lease("crashed");
        crashed.beat(); // takes the free lease, then never beats again, as a killed process
        WriterLease next = lease("next");
        next.start();
        Thread.sleep(PERIOD.toMillis() / 2);
        assertThat(next.held()).as("not before a whole period without renewal").isFalse();

        await(next::held);
        crashed.beat(); // back from a long pause: its renewal is refused
        assertThat(crashed.held()).isFalse();
        next.close();
        assertThat(events).containsExactly("crashed leads", "next leads", "crashed follows");
    }

    @Test
    void a_writer_cannot_save_the_manifest_over_one_another_writer_saved_since_it_read_it() {
        JsonNode saved = cluster.send("GET", "/lease-manifest/_doc/chunks", null);
        OpenSearchIndexer.Version read = OpenSearchIndexer.Version.of(saved);
        Map<String, String> manifest = new HashMap<>();
        saved.path("_source").path("manifest").fields().forEachRemaining(e -> manifest.put(e.getKey(), e.getValue().asText()));
        String index = saved.path("_source").path("index").asText();

        OpenSearchIndexer.storeManifest(cluster, store, index, manifest, read); // the writer that took over
        assertThatThrownBy(() -> OpenSearchIndexer.storeManifest(cluster, store, index, manifest, read))
                .isInstanceOf(NewsdeskException.class).hasMessageContaining("no longer");
    }
}
