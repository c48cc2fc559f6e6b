package dev.newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.SignInProvider;
import dev.newsdesk.TwoCollections;
import dev.newsdesk.app.Main;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code newsdesk serve} with sign-in configured, in a child process: the composition root wires the gate and the access file. */
class ServeSignInTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path index;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serve_signs_people_in_and_answers_each_from_the_collections_the_access_file_grants() throws Exception {
        try (SignInProvider provider = new SignInProvider(); TwoCollections archive = new TwoCollections(Map.of())) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0",
                    "--corpus", archive.corpus.toString(), "--index", index.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(archive.env(provider.env()));
            builder.environment().put("NEWSDESK_READER", "off");
            Process serve = builder.start();
            try {
                String base = ServeCommandTest.awaitReady(serve);
                String outsider = provider.accessToken("bo", List.of());
                String insider = provider.accessToken("ana", List.of(TwoCollections.GROUP));

                HttpResponse<String> anonymous = get(base + "api/overview", null);
                JsonNode outside = JSON.readTree(get(base + "api/overview", outsider).body());
                JsonNode inside = JSON.readTree(get(base + "api/overview", insider).body());
                HttpResponse<String> page = get(base, null);
                JsonNode health = JSON.readTree(get(base + "health", null).body());

                assertThat(anonymous.statusCode()).isEqualTo(401);
                assertThat(outside.get("articles").asInt()).isEqualTo(2);
                assertThat(inside.get("articles").asInt()).isEqualTo(3);
                assertThat(page.statusCode()).isEqualTo(302);
                assertThat(page.headers().firstValue("Location")).hasValue("/signin?return=%2F");
                assertThat(health.get("status").asText()).isEqualTo("ok");
                assertThat(health.has("articles")).isFalse();
            } finally {
                serve.destroy();
                serve.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
