package dev.newsdesk.slack;

import dev.newsdesk.access.Access;
import dev.newsdesk.access.AccessFile;
import dev.newsdesk.access.Overviews;
import dev.newsdesk.answer.Served;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsdesk.TestEngines;
import dev.newsdesk.config.Settings;
import dev.newsdesk.feedback.AnsweredQuestions;
import dev.newsdesk.feedback.FeedbackLog;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real Slack front end on a loopback port (real {@link SlackApp} in a real Javalin over the shared
 * engine) talking to a {@link FakeSlack}, and a client that signs requests exactly as Slack does.
 */
final class SlackHarness implements AutoCloseable {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong(1_700_000_000_000_000L);

    final FakeSlack slack;
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Path feedbackFile = TestEngines.tempDir("newsdesk-feedback").resolve("feedback.jsonl");
    final SlackApp app;
    private final ClosingProxy proxy;
    private final Javalin web;
    private final HttpClient http = HttpClient.newHttpClient();

    SlackHarness(Map<String, String> env) throws IOException {
        this(env, false);
    }

    SlackHarness(Map<String, String> env, boolean closingConnections) throws IOException {
        this(env, closingConnections, TestEngines.shared());
    }

    /**
     * The Slack app answering from {@code engine}; with {@code closingConnections}, Slack's Web API closes
     * each connection after its response.
     */
    SlackHarness(Map<String, String> env, boolean closingConnections, Served engine) throws IOException {
        slack = new FakeSlack();
        proxy = closingConnections ? new ClosingProxy(slack.port()) : null;
        Map<String, String> all = new HashMap<>(env);
        all.put("SLACK_SIGNING_SECRET", SECRET);
        all.put("SLACK_BOT_TOKEN", "xoxb-test-token");
        all.put("NEWSDESK_SLACK_API_URL", proxy == null ? slack.apiUrl() : proxy.via(slack.apiUrl()));
        all.put("NEWSDESK_FEEDBACK_FILE", feedbackFile.toString());
        all.putIfAbsent("NEWSDESK_SLACK_GREETED_FILE", TestEngines.tempDir("newsdesk-greeted").resolve("greeted.txt").toString());
        Settings settings = Settings.from(all);
        Access access = new AccessFile(settings.signIn().accessFile(), null, line -> { });
        app = new SlackApp(settings.slack(), engine.answers(), access, scope -> Overviews.compute(engine, scope), registry,
                new FeedbackLog(settings.slack().feedbackFile()), new AnsweredQuestions(10_000, Duration.ofDays(7)));
        web = Javalin.create(config -> config.showJavalinBanner = false);
        app.addRoutes(web);
        web.start("127.0.0.1", 0);
    }

    SlackHarness() throws IOException {
        this(Map.of());
    }

    /** A response URL at the stand-in, through the closing proxy when there is one. */
    String responseUrl(String name) {
        return responseUrlOr(slack.responseUrl(name));
    }

    private String responseUrlOr(String url) {
        return proxy == null ? url : proxy.via(url);
    }

    int port() {
        return web.port();
    }

    /** A new Slack timestamp ("1700000000.000100"), unique within the test run. */
    static String ts() {
        long micros = SEQUENCE.incrementAndGet();
        return micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000);
    }

    /** An event_callback envelope around {@code event}. */
    static String envelope(String eventId, ObjectNode event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("token", "legacy-unused");
        root.put("team_id", "T1");
        root.put("type", "event_callback");
        root.put("event_id", eventId);
        root.put("event_time", 1_700_000_000);
        root.set("event", event);
        return root.toString();
    }

    static ObjectNode mention(String channel, String text, String ts, String threadTs) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "app_mention");
        event.put("user", "UASKER");
        event.put("text", "<@" + FakeSlack.BOT_USER_ID + "> " + text);
        event.put("ts", ts);
        event.put("channel", channel);
        if (threadTs != null) {
            event.put("thread_ts", threadTs);
        }
        return event;
    }

    static ObjectNode directMessage(String channel, String text, String ts) {
        return message("im", channel, text, ts);
    }

    /** A message event of {@code channelType} ("im", "channel", "group"), not in a thread. */
    static ObjectNode message(String channelType, String channel, String text, String ts) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "message");
        event.put("channel_type", channelType);
        event.put("user", "UASKER");
        event.put("text", text);
        event.put("ts", ts);
        event.put("channel", channel);
        return event;
    }

    HttpResponse<String> postEvent(String body, Map<String, String> headers) throws IOException, InterruptedException {
        return post("/slack/events", "application/json", body, now(), headers);
    }

    HttpResponse<String> postEvent(String body) throws IOException, InterruptedException {
        return postEvent(body, Map.of());
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return post(path, "application/x-www-form-urlencoded", body, now(), Map.of());
    }

    /** Sends {@code body} signed with {@link #SECRET} at {@code timestamp}, as Slack would. */
    HttpResponse<String> post(String path, String contentType, String body, long timestamp, Map<String, String> headers)
            throws IOException, InterruptedException {
        return send(path, contentType, body, String.valueOf(timestamp), sign(SECRET, timestamp, body), headers);
    }

    HttpResponse<String> send(String path, String contentType, String body, String timestamp, String signature,
                              Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Slack's v0 signature, computed here independently of the code under test. */
    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    /** The sum of the counters named {@code name} with {@code tags} (name, value, ...). */
    double counter(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** Waits, within {@link FakeSlack#PATIENCE}, until counter {@code name} reaches {@code count}. */
    void awaitCounter(String name, double count) throws InterruptedException {
        long deadline = System.nanoTime() + FakeSlack.PATIENCE.toNanos();
        while (counter(name) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("counter " + name + " stayed at " + counter(name) + ", not " + count);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        web.stop();
        app.close();
        slack.close();
        if (proxy != null) {
            try {
                proxy.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
