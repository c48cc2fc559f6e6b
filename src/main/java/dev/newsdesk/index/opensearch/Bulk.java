package dev.newsdesk.index.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.index.EmbeddedChunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Chunks written to one index in bulk requests of bounded size. A request or an item the cluster
 * refuses with 429 (its write queue is full) is sent again after a growing pause; any other refused
 * item fails the update, naming the chunk. Not thread-safe: one per update.
 */
final class Bulk {

    /** Documents per request: a few hundred chunks of ~3 KB (sentence vectors included) keep a request near 1 MB. */
    static final int MAX_DOCUMENTS = 250;
    private static final int MAX_BYTES = 5 << 20;
    static final int MAX_TRIES = 8;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);

    private final Cluster cluster;
    private final String index;
    private final Duration firstPause;
    private final List<String> pending = new ArrayList<>();
    private int pendingBytes;

    Bulk(Cluster cluster, String index) {
        this(cluster, index, FIRST_PAUSE);
    }

    /** With another first pause than 100 ms (tests, which would otherwise wait out 25 s of backoff). */
    Bulk(Cluster cluster, String index, Duration firstPause) {
        this.cluster = cluster;
        this.index = index;
        this.firstPause = firstPause;
    }

    void add(EmbeddedChunk chunk) {
        try {
            String action = Cluster.JSON.writeValueAsString(Cluster.object("index", Cluster.object("_index", index, "_id", chunk.chunk().id())));
            String item = action + "\n" + Cluster.JSON.writeValueAsString(ChunkDocuments.toDocument(chunk)) + "\n";
            pending.add(item);
            pendingBytes += item.length();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chunk could not be written as JSON", e);
        }
        if (pending.size() >= MAX_DOCUMENTS || pendingBytes >= MAX_BYTES) {
            flush();
        }
    }

    /** Sends what is pending, retrying what the cluster was too busy to take. */
    void flush() {
        List<String> items = new ArrayList<>(pending);
        pending.clear();
        pendingBytes = 0;
        long pause = firstPause.toMillis();
        for (int attempt = 1; !items.isEmpty(); attempt++) {
            Cluster.Reply reply = cluster.exchange("POST", "/_bulk", String.join("", items));
            List<String> busy = reply.status() == 429 ? items : refusedAsBusy(reply, items);
            if (busy.isEmpty()) {
                return;
            }
            if (attempt == MAX_TRIES) {
                throw new NewsdeskException("OpenSearch stayed too busy to take " + busy.size() + " chunks (429 after "
                        + MAX_TRIES + " tries); try again later or give the cluster more capacity.");
            }
            sleep(pause);
            pause *= 2;
            items = busy;
        }
    }

    /** The items refused with 429, to send again; fails on any other refusal. */
    private List<String> refusedAsBusy(Cluster.Reply reply, List<String> items) {
        if (reply.status() >= 300) {
            throw reply.failure("OpenSearch", "/_bulk");
        }
        List<String> busy = new ArrayList<>();
        if (!reply.json().path("errors").asBoolean()) {
            return busy;
        }
        JsonNode results = reply.json().path("items");
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i).path("index");
            int status = result.path("status").asInt();
            if (status == 429) {
                busy.add(items.get(i));
            } else if (status >= 300) {
                throw new NewsdeskException("OpenSearch refused chunk " + result.path("_id").asText() + " (" + status + " "
                        + result.path("error").path("reason").asText() + ").");
            }
        }
        return busy;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NewsdeskException("indexing was interrupted", e);
        }
    }
}
