package dev.newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.FictionalCorpus;
import dev.newsdesk.app.Main;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code newsdesk serve} with articles no newsroom meant to write, in child processes: files over the size
 * budget, past the sentence budget and not UTF-8 are reported and never stop an ordinary article dropped
 * after them; TERM ends the server; a restart with them still in the folder is healthy.
 */
class ServeOversizeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path corpus = FictionalCorpus.write();

    private Process serve(Path index) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--port", "0", "--corpus", corpus.toString(), "--index", index.toString()));
        // Budgets scaled down with the files, so that the test writes megabytes, not the defaults' tens of them.
        builder.environment().putAll(Map.of("NEWSDESK_MAX_ARTICLE_MB", "1", "NEWSDESK_MAX_ARTICLE_SENTENCES", "300",
                "NEWSDESK_READER", "off"));
        return builder.redirectErrorStream(true).start();
    }

    private JsonNode get(String url) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private List<String> cited(String base, String question) throws Exception {
        HttpRequest ask = HttpRequest.newBuilder(URI.create(base + "api/chat")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("question", question)))).build();
        return JSON.readTree(http.send(ask, HttpResponse.BodyHandlers.ofString()).body()).get("citations").findValuesAsText("file");
    }

    /** Many short lines, as a broken export writes them. */
    private void writeLines(Path file, int lines) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Export\n");
            for (int i = 0; i < lines; i++) {
                out.write("Row " + i + " of the export was checked.\n");
            }
        }
    }

    @Test
    void oversized_files_are_reported_and_never_hold_up_an_ordinary_article_or_a_restart() throws Exception {
        Path index = Files.createTempDirectory("newsdesk-oversize-index");
        String question = "How many ferries will the Brannock harbour add?";
        Process server = serve(index);
        try {
            String base = ServeCommandTest.awaitReady(server);
            Files.writeString(corpus.resolve("one-line.txt"), "Dump " + "x".repeat(3_000_000));
            writeLines(corpus.resolve("many-lines.txt"), 400_000);
            writeLines(corpus.resolve("long-export.txt"), 2_000);
            Files.write(corpus.resolve("latin1.txt"), "Caf\u00e9 cr\u00e8me\nUne br\u00e8ve.\n".getBytes(StandardCharsets.ISO_8859_1));
            Files.writeString(corpus.resolve("ferries.txt"),
                    "Harbour expands\nThe Brannock harbour will add three ferries next year, its board said.\n");

            List<String> files = cited(base, question);
            for (int i = 0; i < 600 && !files.contains("ferries.txt"); i++) {
                Thread.sleep(100);
                files = cited(base, question);
            }
            assertThat(files).contains("ferries.txt");
            JsonNode health = get(base + "health");
            for (int i = 0; i < 100 && health.get("articles_cut").asInt() == 0; i++) {
                Thread.sleep(100);
                health = get(base + "health");
            }
            assertReported(health);
            assertThat(health.get("status").asText()).isEqualTo("ok");
        } finally {
            server.destroy(); // TERM: the shutdown hook runs
        }
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("ended by TERM").isTrue();

        Process restarted = serve(index);
        try {
            String base = ServeCommandTest.awaitReady(restarted);
            assertThat(cited(base, question)).contains("ferries.txt");
            JsonNode health = get(base + "health");
            assertThat(health.get("status").asText()).isEqualTo("ok");
            assertReported(health);
        } finally {
            restarted.destroy();
            restarted.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static void assertReported(JsonNode health) {
        assertThat(health.get("articles_skipped").asInt()).isEqualTo(3);
        assertThat(health.get("articles_cut").asInt()).isEqualTo(1);
        Map<String, String> reasons = new java.util.TreeMap<>();
        health.get("skipped").forEach(s -> reasons.put(s.get("file").asText(), s.get("reason").asText()));
        assertThat(reasons).containsOnlyKeys("latin1.txt", "long-export.txt", "many-lines.txt", "one-line.txt");
        assertThat(reasons.get("one-line.txt")).contains("NEWSDESK_MAX_ARTICLE_MB");
        assertThat(reasons.get("many-lines.txt")).contains("NEWSDESK_MAX_ARTICLE_MB");
        assertThat(reasons.get("long-export.txt")).contains("NEWSDESK_MAX_ARTICLE_SENTENCES");
        assertThat(reasons.get("latin1.txt")).contains("not UTF-8");
    }
}
