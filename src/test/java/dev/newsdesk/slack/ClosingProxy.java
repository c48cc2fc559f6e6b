package dev.newsdesk.slack;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stands in front of {@link FakeSlack} as a server that closes each connection after its response
 * without saying so (no {@code Connection: close}), as HTTP/1.0-style servers and proxies do: a client
 * that keeps the connection for its next request finds it closed before any byte comes back.
 */
final class ClosingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;
    private final ExecutorService connections = Executors.newCachedThreadPool();

    ClosingProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        connections.execute(this::accept);
    }

    /** {@code url} of the stand-in, reached through this proxy instead. */
    String via(String url) {
        return url.replaceFirst(":" + upstreamPort + "/", ":" + server.getLocalPort() + "/");
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.execute(() -> forwardOne(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** One request, its response, and the connection closed. */
    private void forwardOne(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            byte[] request = message(new BufferedInputStream(client.getInputStream()));
            if (request.length == 0) {
                return;
            }
            upstream.getOutputStream().write(request);
            client.getOutputStream().write(message(new BufferedInputStream(upstream.getInputStream())));
        } catch (IOException e) {
            // the client or the stand-in went away; closing is all that is left to do
        }
    }

    /** An HTTP/1.1 message with a Content-Length body (what OkHttp and FakeSlack send), or nothing at EOF. */
    private static byte[] message(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        head.write(in.readNBytes(length));
        return head.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
