package dev.newsdesk.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * Stands in for Slack on a loopback port: the Web API ({@code /api/auth.test}, {@code chat.postMessage},
 * {@code chat.postEphemeral}) and response URLs ({@code /response/...}). Records every request it gets
 * and answers with scripted replies first, then with success.
 */
final class FakeSlack implements AutoCloseable {

    static final String BOT_USER_ID = "UNEWSBOT";
    static final Duration PATIENCE = Duration.ofSeconds(90);

    /** One request as received: the path after the host, its fields, and whether the reply said ok. */
    record Call(String path, Map<String, String> form, JsonNode json, boolean ok) {
        String field(String name) {
            return form != null ? form.get(name) : json.path(name).asText(null);
        }

        JsonNode blocks() {
            try {
                return form != null ? JSON.readTree(form.getOrDefault("blocks", "[]")) : json.path("blocks");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A scripted reply; {@code hangUp} closes the connection after reading the request, without an answer. */
    record Reply(int status, String retryAfter, String body, boolean hangUp) {
        static Reply error(String error) {
            return new Reply(200, null, "{\"ok\":false,\"error\":\"" + error + "\"}", false);
        }

        static Reply rateLimited(int seconds) {
            return new Reply(429, String.valueOf(seconds), "{\"ok\":false,\"error\":\"ratelimited\"}", false);
        }

        static Reply lostResponse() {
            return new Reply(0, null, null, true);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Reply>> scripts = new ConcurrentHashMap<>();
    /** Channels whose posts are held unanswered until released, to keep a worker busy. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    FakeSlack() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String apiUrl() {
        return base() + "/api/";
    }

    String responseUrl(String name) {
        return base() + "/response/" + name;
    }

    /** The next replies to {@code method} (e.g. "chat.postMessage" or "response"), in order. */
    void script(String method, Reply... replies) {
        scripts.computeIfAbsent(method, k -> new ConcurrentLinkedQueue<>()).addAll(List.of(replies));
    }

    /** Posts to {@code channel} get no reply (their sender waits) until {@link #release}. */
    void hold(String channel) {
        held.add(channel);
    }

    void release(String channel) {
        synchronized (held) {
            held.remove(channel);
            held.notifyAll();
        }
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.path().contains(method)).toList();
    }

    /** The successful posts (chat.postMessage answered ok, or response URL answered 200). */
    List<Call> delivered(String method) {
        return calls(method).stream().filter(Call::ok).toList();
    }

    /** Waits, within {@link #PATIENCE}, until {@code count} posts to {@code method} matching {@code which} arrived. */
    List<Call> awaitDelivered(String method, int count, Predicate<Call> which) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            List<Call> matching = delivered(method).stream().filter(which).toList();
            if (matching.size() >= count) {
                return matching;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + count + " " + method
                + " posts; got " + delivered(method).stream().filter(which).count() + " of " + calls);
    }

    List<Call> awaitDelivered(String method, int count) throws InterruptedException {
        return awaitDelivered(method, count, c -> true);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private String base() {
        return "http://127.0.0.1:" + port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean isJson = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).contains("json");
        String method = path.startsWith("/response/") ? "response" : path.substring(path.lastIndexOf('/') + 1);
        Reply reply = scripts.getOrDefault(method, new ConcurrentLinkedQueue<>()).poll();
        Map<String, String> form = isJson ? null : FormBody.parse(body.getBytes(StandardCharsets.UTF_8));
        JsonNode json = isJson ? JSON.readTree(body) : null;
        awaitRelease(form == null ? null : form.get("channel"));
        if (reply != null && reply.hangUp()) {
            calls.add(new Call(path, form, json, false));
            exchange.close();
            return;
        }
        if (reply == null) {
            reply = success(method);
        }
        calls.add(new Call(path, form, json, reply.status() == 200 && !reply.body().contains("\"ok\":false")));
        if (reply.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
        }
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", method.equals("response") ? "text/plain" : "application/json");
        exchange.sendResponseHeaders(reply.status(), out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private void awaitRelease(String channel) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        synchronized (held) {
            while (channel != null && held.contains(channel) && System.nanoTime() < deadline) {
                try {
                    held.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static Reply success(String method) {
        String body = switch (method) {
            case "response" -> "ok";
            case "auth.test" -> "{\"ok\":true,\"user_id\":\"" + BOT_USER_ID + "\",\"user\":\"newsdesk\",\"bot_id\":\"BNEWS\"}";
            default -> "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000999.000100\"}";
        };
        return new Reply(200, null, body, false);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
