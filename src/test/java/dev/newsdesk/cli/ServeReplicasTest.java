package dev.newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.FictionalCorpus;
import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import dev.newsdesk.app.Main;
import dev.newsdesk.index.opensearch.OpenSearchCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two {@code serve} processes on one cluster and one corpus folder, as replicas behind a load balancer:
 * one writes, the other answers and sends article writes to it; the writer killed in the middle of a
 * stream of new articles, the other takes over and every article is answerable, indexed once.
 */
@ExtendWith(OpenSearchCluster.class)
class ServeReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "replicas-test-token";
    private static final int ARTICLES = 30;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Path corpus = FictionalCorpus.write();
    private final Map<String, String> env = Map.of(
            "NEWSDESK_STORE", "opensearch",
            "OPENSEARCH_URL", OpenSearchCluster.running().urls(),
            "OPENSEARCH_INDEX", "replicas",
            "NEWSDESK_WRITER_LEASE_SECONDS", "3",
            "NEWSDESK_READER", "off",
            "NEWSDESK_ADMIN_TOKEN", TOKEN);

    private Process serve() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0",
                "--corpus", corpus.toString()));
        builder.environment().putAll(env);
        builder.environment().put("NEWSDESK_CONVERSATIONS", TestEngines.tempDir("replica-conversations").toString());
        return builder.redirectErrorStream(true).start();
    }

    private HttpResponse<String> send(String base, String path, String body, boolean admin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        if (admin) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String role(String base) throws Exception {
        return JSON.readTree(send(base, "health", null, false).body()).path("role").asText();
    }

    private List<String> cited(String base, String question) throws Exception {
        HttpResponse<String> answer = send(base, "api/chat", JSON.writeValueAsString(Map.of("question", question)), false);
        return JSON.readTree(answer.body()).path("citations").findValuesAsText("file");
    }

    private static String place(int n) {
        return "Harb" + (char) ('a' + n / 26) + (char) ('a' + n % 26) + "wick";
    }

    private static String report(int n) {
        return "Harbour report\nThe " + place(n) + " harbour registered " + (100 + n)
                + " fishing boats this season, the harbour master said.\n";
    }

    private static String question(int n) {
        return "How many fishing boats did the " + place(n) + " harbour register?";
    }

    @Test
    void the_writer_killed_mid_stream_is_replaced_and_every_article_is_answered_once_indexed() throws Exception {
        Engine.index(TestEngines.settings(corpus, TestEngines.tempDir("unused"), env), s -> { }, (d, t, f) -> { });
        Process a = serve();
        Process b = serve();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            String baseA = ServeCommandTest.awaitReady(a);
            String baseB = ServeCommandTest.awaitReady(b);
            for (int i = 0; i < 100 && !(role(baseA).equals("writer") ^ role(baseB).equals("writer")); i++) {
                Thread.sleep(100);
            }
            assertThat(List.of(role(baseA), role(baseB))).containsExactlyInAnyOrder("writer", "replica");
            boolean aWrites = role(baseA).equals("writer");
            Process writer = aWrites ? a : b;
            String writerBase = aWrites ? baseA : baseB;
            String replicaBase = aWrites ? baseB : baseA;

            HttpResponse<String> posted = send(replicaBase, "api/articles",
                    JSON.writeValueAsString(Map.of("title", "Harbour report", "text", report(ARTICLES))), true);
            assertThat(posted.statusCode()).isEqualTo(307);
            assertThat(posted.headers().firstValue("Location")).contains(writerBase + "api/articles");

            // Questions on the replica all along: none may fail, whoever writes.
            AtomicBoolean asking = new AtomicBoolean(true);
            AtomicInteger answered = new AtomicInteger();
            List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int c = 0; c < 4; c++) {
                clients.submit(() -> {
                    while (asking.get()) {
                        try {
                            HttpResponse<String> r = send(replicaBase, "api/chat",
                                    JSON.writeValueAsString(Map.of("question", question(answered.get() % ARTICLES))), false);
                            if (r.statusCode() != 200) {
                                failed.add(r.statusCode() + " " + r.body());
                            }
                            answered.incrementAndGet();
                        } catch (Exception e) {
                            failed.add(e.toString());
                        }
                    }
                    return null;
                });
            }
            for (int n = 0; n < ARTICLES; n++) {
                Files.writeString(corpus.resolve("harbour-" + n + ".txt"), report(n));
                if (n == ARTICLES / 2) {
                    writer.destroyForcibly(); // SIGKILL, with a batch likely under way
                }
                Thread.sleep(50);
            }
            writer.waitFor(30, TimeUnit.SECONDS);

            List<Integer> missing = new ArrayList<>();
            for (int n = 0; n < ARTICLES; n++) {
                List<String> files = cited(replicaBase, question(n));
                for (int i = 0; i < 300 && !files.contains("harbour-" + n + ".txt"); i++) {
                    Thread.sleep(100);
                    files = cited(replicaBase, question(n));
                }
                if (!files.contains("harbour-" + n + ".txt")) {
                    missing.add(n);
                }
            }
            asking.set(false);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);

            assertThat(missing).as("articles not answerable after the writer was replaced").isEmpty();
            assertThat(role(replicaBase)).isEqualTo("writer");
            assertThat(failed).as("failed answers of %d", answered.get()).isEmpty();
            JsonNode sources = JSON.readTree(send(replicaBase, "api/sources", null, false).body());
            int chunks = 0;
            for (JsonNode source : sources) {
                chunks += source.get("chunks").asInt();
            }
            assertThat(sources).hasSize(ARTICLES + 2);
            assertThat(JSON.readTree(send(replicaBase, "health", null, false).body()).get("chunks").asInt())
                    .as("every chunk belongs to a listed file, none twice").isEqualTo(chunks);
        } finally {
            clients.shutdownNow();
            a.destroyForcibly();
            b.destroyForcibly();
            a.waitFor(30, TimeUnit.SECONDS);
            b.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
