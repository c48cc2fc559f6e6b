package dev.newsdesk.index.opensearch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real two-node OpenSearch 2.19.1 cluster with the k-NN plugin, for the tests of the OpenSearch
 * store: started once per test run in its own JVM (src/test/opensearch/TestCluster.java, on the
 * classpath the build copies to target/opensearch-cluster/lib, because OpenSearch needs another Lucene
 * than newsdesk), listening on loopback only, stopped when the run ends.
 */
public final class OpenSearchCluster implements BeforeAllCallback {

    static final int NODES = 2;
    /** The OPENSEARCH_INDEX of the seeds' chunks, shared by the test classes so that they are indexed once. */
    public static final String SEEDS_PREFIX = "seeds";
    private static final Path HOME = Path.of("target", "opensearch-cluster");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern NODE_COUNT = Pattern.compile("\"number_of_nodes\":(\\d+)");
    private static final int START_ATTEMPTS = 3;

    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(OpenSearchCluster.class, key -> start(), Running.class);
    }

    /** The cluster the extension started. */
    public static synchronized Running running() {
        if (running == null) {
            throw new IllegalStateException("register OpenSearchCluster with @ExtendWith first");
        }
        return running;
    }

    private static synchronized Running start() {
        Path lib = HOME.resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: run the tests through Maven (mvn verify), which builds it");
        }
        Path log = HOME.resolve("cluster.log");
        for (int attempt = 1; ; attempt++) {
            Running started = launch(lib, freeBasePort(), "newsdesk-test-" + ProcessHandle.current().pid(), log);
            try {
                started.awaitNodes(NODES, START_TIMEOUT, log);
                running = started;
                return running;
            } catch (IllegalStateException e) {
                // Exited at start: another test run on the machine took a port between the check and the start.
                boolean exited = !started.process.isAlive();
                started.close();
                if (!exited || attempt == START_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static Running launch(Path lib, int base, String name, Path log) {
        try {
            Path data = Files.createTempDirectory("newsdesk-opensearch");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // Both nodes in one JVM: a bounded heap for the pair, as the test JVM has its own.
                    "-Xmx1g", "-cp", lib.toAbsolutePath() + "/*",
                    Path.of("src", "test", "opensearch", "TestCluster.java").toString(),
                    data.toString(), Integer.toString(base), Integer.toString(NODES), name)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Running(process, base, name, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A base port whose next {@link #NODES} ports are free, in OpenSearch's usual 9200–9299. */
    private static int freeBasePort() {
        return IntStream.range(9200, 9299 - NODES)
                .filter(base -> IntStream.rangeClosed(base + 1, base + NODES).allMatch(OpenSearchCluster::free))
                .findFirst().orElseThrow(() -> new IllegalStateException("no free ports in 9200-9299"));
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The running cluster; stopped when the test run ends. */
    public static final class Running implements ExtensionContext.Store.CloseableResource {

        private final Process process;
        private final int base;
        private final String name;
        private final Path data;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        Running(Process process, int base, String name, Path data) {
            this.process = process;
            this.base = base;
            this.name = name;
            this.data = data;
        }

        /** The HTTP port of a node that is up. */
        public int livePort() {
            return IntStream.rangeClosed(1, NODES).map(i -> base + i)
                    .filter(port -> nodes("http://127.0.0.1:" + port) > 0).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no node of the test cluster is up"));
        }

        /** The folder the nodes take snapshots into (their path.repo). */
        public Path snapshots() {
            return data.resolve("snapshots").toAbsolutePath();
        }

        /** The nodes' HTTP addresses, comma-separated, as OPENSEARCH_URL takes them. */
        public String urls() {
            return String.join(",", IntStream.rangeClosed(1, NODES).mapToObj(i -> "http://127.0.0.1:" + (base + i)).toList());
        }

        /** The names of the indices that match {@code pattern} (e.g. "load-chunks-*"). */
        public List<String> indices(String pattern) throws IOException {
            String names = get("http://127.0.0.1:" + livePort() + "/_cat/indices/" + pattern + "?h=index",
                    Duration.ofSeconds(5));
            return names.lines().map(String::strip).filter(n -> !n.isEmpty()).toList();
        }

        /** Stops one node that is not the cluster manager, and waits until the other sees it gone. */
        public void stopOneNode() throws IOException {
            command("stop");
            awaitNodes(NODES - 1, Duration.ofMinutes(1), HOME.resolve("cluster.log"));
        }

        /**
         * Starts the stopped node again and waits until every shard has all its copies (green) and the
         * cluster has done moving shards onto the node, so that the tests after the one that stopped it
         * find the cluster as it was (a search of a shard copy that moves away can fail).
         */
        public void startStoppedNode() throws IOException {
            command("start");
            awaitNodes(NODES, Duration.ofMinutes(1), HOME.resolve("cluster.log"));
            String health = get("http://127.0.0.1:" + livePort() + "/_cluster/health?wait_for_status=green"
                    + "&wait_for_no_relocating_shards=true&wait_for_no_initializing_shards=true&wait_for_events=languid"
                    + "&timeout=60s", Duration.ofSeconds(70));
            if (!health.contains("\"timed_out\":false")) {
                throw new IllegalStateException("the test cluster did not settle again: " + health);
            }
        }

        private void command(String line) throws IOException {
            OutputStream commands = process.getOutputStream();
            commands.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            commands.flush();
        }

        /** Waits until some node reports {@code count} nodes (polling; the deadline only bounds a broken start). */
        void awaitNodes(int count, Duration timeout, Path log) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the test cluster exited; see " + log.toAbsolutePath());
                }
                for (String url : urls().split(",")) {
                    if (nodes(url) == count) {
                        return;
                    }
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            throw new IllegalStateException("the test cluster did not reach " + count + " nodes in " + timeout + "; see "
                    + log.toAbsolutePath());
        }

        private int nodes(String url) {
            try {
                String health = get(url + "/_cluster/health", Duration.ofSeconds(2));
                Matcher matcher = NODE_COUNT.matcher(health);
                // Only this run's cluster counts: another run's may be listening on these ports.
                return health.contains("\"cluster_name\":\"" + name + "\"") && matcher.find()
                        ? Integer.parseInt(matcher.group(1)) : -1;
            } catch (IOException e) {
                return -1;
            }
        }

        /** The body of the reply, whatever its status (health says why in the body). */
        private String get(String url, Duration timeout) throws IOException {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public void close() {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                try (Stream<Path> files = Files.walk(data)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
