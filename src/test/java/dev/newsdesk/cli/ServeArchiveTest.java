package dev.newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.app.Main;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code newsdesk serve} as a living archive, in child processes: killed with SIGKILL, started twice. */
class ServeArchiveTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "archive-test-token";

    @TempDir
    Path corpus;
    @TempDir
    Path index;

    private final HttpClient http = HttpClient.newHttpClient();

    private Process serve() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--port", "0", "--corpus", corpus.toString(), "--index", index.toString()));
        builder.environment().put("NEWSDESK_ADMIN_TOKEN", TOKEN);
        return builder.redirectErrorStream(true).start();
    }

    private JsonNode send(String base, String path, String body, boolean admin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (admin) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private List<String> cited(String base, String question) throws Exception {
        return send(base, "api/chat", JSON.writeValueAsString(java.util.Map.of("question", question)), false)
                .get("citations").findValuesAsText("file");
    }

    private List<String> citedWithin(String base, String question, String file) throws Exception {
        List<String> files = cited(base, question);
        for (int i = 0; i < 200 && !files.contains(file); i++) {
            Thread.sleep(50);
            files = cited(base, question);
        }
        return files;
    }

    private static String report(String place, int boats) {
        return "Harbour report\nThe " + place + " harbour registered " + boats + " fishing boats this season, the harbour master said.\n";
    }

    @Test
    void a_killed_server_loses_nothing_and_a_second_server_on_the_same_index_is_refused() throws Exception {
        try (Stream<Path> seeds = Files.list(Path.of("seeds"))) {
            for (Path seed : seeds.toList()) {
                Files.copy(seed, corpus.resolve(seed.getFileName()));
            }
        }
        Process first = serve();
        try {
            String base = ServeCommandTest.awaitReady(first);
            JsonNode created = send(base, "api/articles",
                    JSON.writeValueAsString(java.util.Map.of("title", "Harbour report", "text", report("Ostmere", 12))), true);
            assertThat(cited(base, "How many fishing boats did the Ostmere harbour register?")).contains(created.get("file").asText());

            CliProcess second = CliProcess.run(index, "", "serve", "--port", "0", "--corpus", corpus.toString());
            assertThat(second.exitCode()).isEqualTo(2);
            assertThat(second.err()).contains("locked by another newsdesk process");

            Files.writeString(corpus.resolve("dropped.txt"), report("Brenvik", 41));
            assertThat(citedWithin(base, "How many fishing boats did the Brenvik harbour register?", "dropped.txt"))
                    .contains("dropped.txt");
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no closing commit
            first.waitFor(30, TimeUnit.SECONDS);
        }
        Files.writeString(corpus.resolve("while-down.txt"), report("Skarholm", 17));

        Process restarted = serve();
        try {
            String base = ServeCommandTest.awaitReady(restarted);
            assertThat(cited(base, "How many fishing boats did the Skarholm harbour register?")).contains("while-down.txt");
            assertThat(cited(base, "How many fishing boats did the Brenvik harbour register?")).contains("dropped.txt");
            JsonNode health = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            JsonNode sources = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "api/sources")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            int chunks = 0;
            for (JsonNode source : sources) {
                chunks += source.get("chunks").asInt();
            }
            assertThat(sources).hasSize(8);
            assertThat(health.get("chunks").asInt()).as("every chunk belongs to a listed file, none twice").isEqualTo(chunks);
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
