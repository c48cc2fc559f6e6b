package dev.newsdesk.index.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import dev.newsdesk.index.ChunkIndex;
import dev.newsdesk.index.EmbeddedChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bulk indexing into a real cluster behind a proxy that answers some bulk requests with 429, whole or
 * per item, as OpenSearch does when its write queue is full.
 */
@ExtendWith(OpenSearchCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSearchBackpressureTest {

    /** Short, so that eight tries take a fraction of a second instead of 25 s. */
    private static final Duration FIRST_PAUSE = Duration.ofMillis(1);
    private static final String REJECTED = "{\"type\":\"es_rejected_execution_exception\",\"reason\":\"rejected execution"
            + " of coordinating operation [shard_detail=[backpressure][0][P], shard_coordinating_and_primary_bytes=0,"
            + " shard_operation_bytes=98580, shard_max_coordinating_and_primary_bytes=64]\"}";

    private final List<EmbeddedChunk> chunks = new ArrayList<>();
    private Cluster direct;
    private int dimension;

    /** The seeds' chunks as the shared Lucene index holds them: the same chunks, without embedding again. */
    @BeforeAll
    void readTheSeedsChunks() {
        Engine lucene = TestEngines.shared();
        ChunkIndex index = (ChunkIndex) lucene.index();
        lucene.corpus().articles().forEach(a -> index.chunksOf(a.file()).forEach(c -> chunks.add(EmbeddedChunk.of(c, a.meta()))));
        dimension = index.manifest().dimension();
        direct = Cluster.connect(store(OpenSearchCluster.running().urls()));
    }

    @AfterAll
    void close() {
        direct.sendOrMissing("DELETE", "/backpressure-*", null);
        direct.close();
    }

    private static Settings.Store store(String urls) {
        return Settings.from(Map.of("NEWSDESK_STORE", "opensearch", "OPENSEARCH_URL", urls,
                "OPENSEARCH_INDEX", "backpressure")).store();
    }

    private String newIndex(String name) {
        String index = "backpressure-" + name;
        direct.send("PUT", "/" + index, ChunkDocuments.indexBody(1, 0, dimension));
        return index;
    }

    /** The chunk ids of a bulk request, in order (its action lines). */
    private static List<String> ids(ForwardingProxy.Request bulk) {
        List<String> ids = new ArrayList<>();
        String[] lines = bulk.text().split("\n");
        for (int i = 0; i < lines.length; i += 2) {
            ids.add(json(lines[i]).path("index").path("_id").asText());
        }
        return ids;
    }

    private static JsonNode json(String text) {
        try {
            return Cluster.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBulk(ForwardingProxy.Request request) {
        return request.target().startsWith("/_bulk");
    }

    /**
     * The cluster's reply to the request without its last item, with a 429 for that item added, as a
     * node whose write queue filled up mid-request replies.
     */
    private static ForwardingProxy.Reply refusingTheLastItem(ForwardingProxy.Request bulk, ForwardingProxy.Upstream cluster)
            throws IOException {
        List<String> lines = List.of(bulk.text().split("\n"));
        String last = ids(bulk).get(ids(bulk).size() - 1);
        ObjectNode reply = (ObjectNode) json(cluster.send(bulk.withText(String.join("\n", lines.subList(0, lines.size() - 2))
                + "\n")).text());
        reply.put("errors", true);
        reply.withArray("items").addObject().putObject("index").put("_id", last).put("status", 429)
                .set("error", json(REJECTED));
        return ForwardingProxy.Reply.json(200, reply.toString());
    }

    @Test
    void bulk_requests_refused_with_429_whole_or_per_item_are_sent_again_until_every_chunk_is_indexed() throws IOException {
        String index = newIndex("retried");
        List<ForwardingProxy.Request> bulks = new CopyOnWriteArrayList<>();
        try (ForwardingProxy busy = ForwardingProxy.http((request, cluster) -> {
            if (!isBulk(request)) {
                return cluster.send(request);
            }
            bulks.add(request);
            return switch (bulks.size()) {
                case 1 -> ForwardingProxy.Reply.json(429, "{\"error\":" + REJECTED + ",\"status\":429}");
                case 2 -> refusingTheLastItem(request, cluster);
                default -> cluster.send(request);
            };
        }); Cluster cluster = Cluster.connect(store("http://127.0.0.1:" + busy.port()))) {
            Bulk bulk = new Bulk(cluster, index, FIRST_PAUSE);
            chunks.forEach(bulk::add);
            bulk.flush();
        }

        direct.send("POST", "/" + index + "/_refresh", null);
        assertThat(direct.send("GET", "/" + index + "/_count", null).path("count").asInt()).isEqualTo(chunks.size());
        assertThat(ids(bulks.get(1))).as("refused whole: sent again whole").isEqualTo(ids(bulks.get(0)));
        List<String> second = ids(bulks.get(1));
        assertThat(ids(bulks.get(2))).as("refused item: sent again alone").containsExactly(second.get(second.size() - 1));
    }

    @Test
    void a_cluster_that_stays_busy_fails_after_the_tries_with_one_line_saying_to_try_later() {
        String index = newIndex("refused");
        AtomicInteger bulks = new AtomicInteger();
        try (ForwardingProxy busy = ForwardingProxy.http((request, cluster) -> {
            if (!isBulk(request)) {
                return cluster.send(request);
            }
            bulks.incrementAndGet();
            return ForwardingProxy.Reply.json(429, "{\"error\":" + REJECTED + ",\"status\":429}");
        }); Cluster cluster = Cluster.connect(store("http://127.0.0.1:" + busy.port()))) {
            Bulk bulk = new Bulk(cluster, index, FIRST_PAUSE);
            chunks.forEach(bulk::add);

            assertThatThrownBy(bulk::flush).isInstanceOf(NewsdeskException.class)
                    .hasMessageContaining("429 after " + Bulk.MAX_TRIES + " tries").hasMessageContaining("try again later")
                    .hasMessageNotContaining("\n");
        }
        assertThat(bulks).hasValue(Bulk.MAX_TRIES);
    }
}
