package dev.newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.newsdesk.app.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code newsdesk serve} as an operator runs it: a child process with Slack configured by environment. */
class ServeCommandTest {

    private static final String SECRET = "serve-test-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path index;

    @Test
    void serves_the_api_and_the_slack_endpoints_once_ready() throws Exception {
        // Stands in for Slack's Web API, which the app asks for its bot id at start.
        HttpServer slackApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slackApi.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true,\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        slackApi.start();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--port", "0", "--index", index.toString()));
        builder.environment().put("SLACK_SIGNING_SECRET", SECRET);
        builder.environment().put("SLACK_BOT_TOKEN", "xoxb-test");
        builder.environment().put("NEWSDESK_SLACK_API_URL", "http://127.0.0.1:" + slackApi.getAddress().getPort() + "/");
        builder.environment().put("NEWSDESK_FEEDBACK_FILE", index.resolve("feedback.jsonl").toString());
        builder.environment().put("NEWSDESK_CONVERSATIONS", index.resolveSibling(index.getFileName() + "-conversations").toString());
        Process serve = builder.redirectErrorStream(true).start();
        try {
            String base = awaitReady(serve);
            HttpClient http = HttpClient.newHttpClient();

            JsonNode health = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(health.get("status").asText()).isEqualTo("ok");
            assertThat(health.get("slack").get("status").asText()).isEqualTo("on");

            HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create(base + "api/chat"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"What does the name ATACMS stand for?\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(chat.body()).get("answer").asText()).containsIgnoringCase("Tactical Missile System");

            String verification = "{\"type\":\"url_verification\",\"challenge\":\"c-123\"}";
            assertThat(slackPost(http, base, verification, true).body()).contains("c-123");
            assertThat(slackPost(http, base, verification, false).statusCode()).isEqualTo(401);
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
            slackApi.stop(0);
        }
    }

    private static HttpResponse<String> slackPost(HttpClient http, String base, String body, boolean signed) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec((signed ? SECRET : "wrong").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(
                mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(base + "slack/events"))
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads the server's log until it says it is ready; returns its base URL. */
    static String awaitReady(Process serve) throws Exception {
        BufferedReader log = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        Pattern ready = Pattern.compile("ready at (http://\\S+/)");
        StringBuilder seen = new StringBuilder();
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            seen.append(line).append('\n');
            Matcher m = ready.matcher(line);
            if (m.find()) {
                // Keep draining the log so the child never blocks on a full pipe.
                Thread drain = new Thread(() -> log.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new AssertionError("serve exited before it was ready:\n" + seen);
    }
}
