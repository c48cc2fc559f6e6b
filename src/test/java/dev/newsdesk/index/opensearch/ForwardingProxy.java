package dev.newsdesk.index.opensearch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * An HTTP (or HTTPS) server on a loopback port in front of a live node of the test cluster: each request
 * goes to the test's {@link Route}, which forwards it as it is, changes it, or answers it itself, as a
 * busy cluster or a TLS-terminating proxy would.
 */
public final class ForwardingProxy implements AutoCloseable {

    /** A request as newsdesk sent it; {@code target} is its path and query. */
    public record Request(String method, String target, String contentType, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Request withText(String text) {
            return new Request(method, target, contentType, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A reply, as sent back to newsdesk. */
    public record Reply(int status, String contentType, byte[] body) {
        public static Reply json(int status, String json) {
            return new Reply(status, "application/json; charset=UTF-8", json.getBytes(StandardCharsets.UTF_8));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What the cluster replies to a request. */
    public interface Upstream {
        Reply send(Request request) throws IOException;
    }

    /** How the proxy answers a request: usually {@code cluster.send(request)}. */
    public interface Route {
        Reply answer(Request request, Upstream cluster) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "forwarding-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newHttpClient();
    private final String cluster = "http://127.0.0.1:" + OpenSearchCluster.running().livePort();

    private ForwardingProxy(HttpServer server, Route route) {
        this.server = server;
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                Reply reply = route.answer(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body), this::send);
                respond(exchange, reply);
            }
        });
        // Searches go out in parallel: a thread per exchange, as a real proxy serves them.
        server.setExecutor(threads);
        server.start();
    }

    /** Plain HTTP. */
    public static ForwardingProxy http(Route route) {
        try {
            return new ForwardingProxy(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), route);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HTTPS with the certificate of {@code tls}, forwarding in plain HTTP as a TLS-terminating proxy does. */
    public static ForwardingProxy https(SSLContext tls, Route route) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new ForwardingProxy(server, route);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forwards every request as it is. */
    public static Route everything() {
        return (request, cluster) -> cluster.send(request);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private Reply send(Request request) throws IOException {
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(cluster + request.target()))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            forwarded.header("Content-Type", request.contentType());
        }
        try {
            HttpResponse<byte[]> reply = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(reply.statusCode(), reply.headers().firstValue("Content-Type").orElse(null), reply.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void respond(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.contentType() != null) {
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
        }
        // -1: no body at all, which a HEAD reply and an empty one must have.
        boolean empty = reply.body().length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(reply.status(), empty ? -1 : reply.body().length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
