package dev.newsdesk.index.opensearch;

import static dev.newsdesk.index.opensearch.Cluster.object;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

/**
 * Backups of the cluster store through OpenSearch's snapshot API, into a filesystem repository at
 * {@code OPENSEARCH_SNAPSHOT_LOCATION} (a folder every node lists in {@code path.repo}). A snapshot
 * holds the chunks behind the alias and the manifest; a restore brings them back as a new build, and
 * moves the manifest and the alias to it as a build does, so questions are answered from the old chunks
 * until the restored ones are all there.
 */
public final class Snapshots {

    /** A snapshot taken: its name, how many chunks it holds, and how long it took. */
    public record Taken(String name, int chunks, Duration took) {
    }

    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private Snapshots() {
    }

    /** Snapshots the chunks the alias points at, with the manifest. */
    public static Taken take(Settings.Store store, Consumer<String> log) {
        long started = System.nanoTime();
        try (Cluster cluster = Cluster.connect(store, OpenSearchIndexer.writeTimeout(store))) {
            String repository = repository(cluster, store);
            List<String> chunks = OpenSearchIndexer.aliased(cluster, store);
            if (chunks.isEmpty()) {
                throw new NewsdeskException(OpenSearchIndexer.alias(store) + " does not exist: there is nothing to"
                        + " snapshot; run 'newsdesk index --store opensearch' first.");
            }
            String name = store.prefix() + "-" + LocalDateTime.now(ZoneOffset.UTC).format(NAME_TIME);
            cluster.send("PUT", "/_snapshot/" + repository + "/" + name + "?wait_for_completion=false",
                    object("indices", chunks.get(0) + "," + OpenSearchIndexer.manifestIndex(store),
                            "include_global_state", false));
            log.accept("snapshotting " + chunks.get(0) + " as " + name + " into " + store.snapshots());
            Cluster.await(() -> !"IN_PROGRESS".equals(snapshot(cluster, repository, name).path("state").asText()),
                    "snapshot " + name + " was being taken");
            JsonNode snapshot = snapshot(cluster, repository, name);
            if (!"SUCCESS".equals(snapshot.path("state").asText())) {
                throw new NewsdeskException("Snapshot " + name + " ended " + snapshot.path("state").asText() + " ("
                        + snapshot.path("failures") + "); check the cluster's log and the repository's free space.");
            }
            int count = cluster.read("/" + chunks.get(0) + "/_count", object("query", object("match_all", object())))
                    .path("count").asInt();
            return new Taken(name, count, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * Restores snapshot {@code name} (null: the newest of this prefix) as a new build, points the manifest and
     * the alias at it, and deletes the earlier builds a timeout later. Returns the restored index.
     */
    public static String restore(Settings.Store store, String name, Consumer<String> log) {
        try (Cluster cluster = Cluster.connect(store, OpenSearchIndexer.writeTimeout(store))) {
            String repository = repository(cluster, store);
            String snapshot = name != null ? name : newest(cluster, repository, store);
            String time = LocalDateTime.now(ZoneOffset.UTC).format(NAME_TIME);
            String chunks = OpenSearchIndexer.alias(store) + "-restored-" + time;
            String manifest = OpenSearchIndexer.manifestIndex(store) + "-restored-" + time;
            // Both indices under new names: the chunks as another build of the alias, the manifest beside its own.
            cluster.send("POST", "/_snapshot/" + repository + "/" + snapshot + "/_restore?wait_for_completion=false",
                    object("indices", OpenSearchIndexer.alias(store) + "-*," + OpenSearchIndexer.manifestIndex(store),
                            "include_global_state", false, "include_aliases", false,
                            "rename_pattern", "^" + store.prefix() + "-(chunks|manifest).*$",
                            "rename_replacement", store.prefix() + "-$1-restored-" + time));
            log.accept("restoring " + snapshot + " as " + chunks);
            for (String index : List.of(chunks, manifest)) {
                awaitPrimaries(cluster, index);
            }
            JsonNode saved = cluster.send("GET", "/" + manifest + "/_doc/" + OpenSearchIndexer.MANIFEST_ID, null)
                    .path("_source").path("manifest");
            Map<String, String> data = new HashMap<>();
            saved.fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
            OpenSearchIndexer.moveAlias(cluster, store, chunks);
            OpenSearchIndexer.storeManifest(cluster, store, chunks, data, null);
            cluster.send("DELETE", "/" + manifest, null);
            log.accept("restored " + snapshot + " and moved " + OpenSearchIndexer.alias(store) + " to " + chunks);
            OpenSearchIndexer.deleteEarlierBuilds(cluster, store, chunks, log);
            return chunks;
        }
    }

    /** Registers the store's filesystem repository (again: registering is idempotent and checks the folder). */
    private static String repository(Cluster cluster, Settings.Store store) {
        if (store.snapshots() == null) {
            throw new NewsdeskException("Set OPENSEARCH_SNAPSHOT_LOCATION to a folder that every node of the cluster"
                    + " lists in path.repo (opensearch.yml); snapshots are written there.");
        }
        String repository = store.prefix() + "-snapshots";
        try {
            cluster.send("PUT", "/_snapshot/" + repository,
                    object("type", "fs", "settings", object("location", store.snapshots().toString())));
        } catch (NewsdeskException e) {
            throw new NewsdeskException("The cluster refused " + store.snapshots() + " as a snapshot repository ("
                    + e.getMessage() + "); add it to path.repo in every node's opensearch.yml, on storage every node"
                    + " shares, and restart the nodes.", e);
        }
        return repository;
    }

    private static String newest(Cluster cluster, String repository, Settings.Store store) {
        JsonNode all = cluster.send("GET", "/_snapshot/" + repository + "/_all", null).path("snapshots");
        return StreamSupport.stream(all.spliterator(), false)
                .filter(s -> "SUCCESS".equals(s.path("state").asText()))
                .filter(s -> s.path("snapshot").asText().startsWith(store.prefix() + "-"))
                .max((a, b) -> Long.compare(a.path("start_time_in_millis").asLong(), b.path("start_time_in_millis").asLong()))
                .map(s -> s.path("snapshot").asText())
                .orElseThrow(() -> new NewsdeskException("No snapshot of " + store.prefix() + " in " + store.snapshots()
                        + "; take one with 'newsdesk snapshot'."));
    }

    private static JsonNode snapshot(Cluster cluster, String repository, String name) {
        return cluster.send("GET", "/_snapshot/" + repository + "/" + name, null).path("snapshots").get(0);
    }

    /**
     * Waits until every primary shard of {@code index} is restored (its replicas follow while questions are
     * answered). Cluster health cannot tell: it counts a primary still being restored as yellow.
     */
    private static void awaitPrimaries(Cluster cluster, String index) {
        Cluster.await(() -> {
            JsonNode shards = cluster.send("GET", "/_cat/shards/" + index + "?format=json&h=prirep,state", null);
            return !shards.isEmpty() && StreamSupport.stream(shards.spliterator(), false)
                    .filter(shard -> "p".equals(shard.path("prirep").asText()))
                    .allMatch(shard -> "STARTED".equals(shard.path("state").asText()));
        }, index + " was being restored");
    }
}
