package dev.newsdesk.web;

import dev.newsdesk.access.AccessFile;
import dev.newsdesk.access.OidcIssuer;
import dev.newsdesk.access.Overviews;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.LiveArchive;
import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import dev.newsdesk.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import dev.newsdesk.live.ArticleStore;
import dev.newsdesk.feedback.FeedbackLog;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real {@link WebApp} on a free loopback port, serving the shared test engine, and a plain HTTP
 * client to talk to it: {@link #shared()} for tests that only ask, a server of their own for tests
 * that need a fresh one (loading state, metrics, the browser).
 */
final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final WebApp web;
    private final Path feedbackFile;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestServer(WebApp web, Path feedbackFile) {
        this.web = web;
        this.feedbackFile = feedbackFile;
    }

    private static TestServer shared;

    /**
     * One ready server for the API tests that only ask and read (not closed: it lives as long as the
     * test JVM, like the shared engine).
     */
    static synchronized TestServer shared() {
        if (shared == null) {
            shared = ready();
        }
        return shared;
    }

    /** A server of its own that has the shared engine and answers questions. */
    static TestServer ready() {
        return ready(Map.of());
    }

    /** As {@link #ready()}, with these settings. */
    static TestServer ready(Map<String, String> env) {
        TestServer server = notReady(env);
        server.web.ready(engine());
        return server;
    }

    /** A server of its own that answers with {@code engine}. */
    static TestServer ready(Engine engine) {
        return ready(engine, Map.of());
    }

    /** As {@link #ready(Engine)}, with these settings. */
    static TestServer ready(Engine engine, Map<String, String> env) {
        TestServer server = notReady(env);
        server.web.ready(engine);
        return server;
    }

    /**
     * A server of its own over {@code archive}'s engine, with the admin API (when the archive's settings
     * set NEWSDESK_ADMIN_TOKEN) writing through its live ingestion, as {@code serve} assembles it.
     */
    static TestServer live(LiveArchive archive) {
        Path feedback = archive.index.resolve("feedback.jsonl");
        Settings settings = archive.engine.settings();
        AccessFile access = access(settings);
        WebApp web = new WebApp(settings, new FeedbackLog(feedback), access, null, new Overviews()).start();
        web.live(archive.live, new ArticleStore(archive.corpus));
        web.ready(archive.engine);
        return new TestServer(web, feedback);
    }

    /** A server still waiting for its engine, as while the index is being built. */
    static TestServer notReady() {
        return notReady(Map.of());
    }

    private static TestServer notReady(Map<String, String> env) {
        Path feedback = TestEngines.tempDir("newsdesk-web-feedback").resolve("feedback.jsonl");
        Map<String, String> all = new HashMap<>(env);
        all.put("NEWSDESK_PORT", "0");
        all.put("NEWSDESK_FEEDBACK_FILE", feedback.toString());
        Settings settings = TestEngines.settings(TestEngines.SEEDS, TestEngines.tempDir("newsdesk-web-index"), all);
        OidcIssuer issuer = settings.signIn().enabled() ? OidcIssuer.discover(settings.signIn()) : null;
        return new TestServer(new WebApp(settings, new FeedbackLog(feedback), access(settings), issuer, new Overviews())
                .start(), feedback);
    }

    /** The access rules of {@code settings}, as {@code serve} reads them. */
    static AccessFile access(Settings settings) {
        return new AccessFile(settings.signIn().accessFile(), settings.archive().adminToken(), line -> { });
    }

    /** The votes this server has logged, one JSON object per line (none before the first vote). */
    List<JsonNode> feedback() {
        try {
            return Files.exists(feedbackFile)
                    ? Files.readAllLines(feedbackFile).stream().map(TestServer::json).toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Engine engine() {
        return TestEngines.shared();
    }

    String url(String path) {
        return "http://127.0.0.1:" + web.port() + path;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
    }

    /** GET with these headers (name, value, name, value…), redirects not followed. */
    HttpResponse<String> getWith(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> get(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", accept).GET().build());
    }

    HttpResponse<String> post(String path, String contentType, String body) {
        return send("POST", path, contentType, body, null);
    }

    /** Any request; {@code contentType}, {@code body} and the bearer {@code token} may be null. */
    HttpResponse<String> send(String method, String path, String contentType, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    HttpResponse<String> chat(Map<String, ?> request) {
        try {
            return post("/api/chat", "application/json", JSON.writeValueAsString(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        web.close();
    }
}
