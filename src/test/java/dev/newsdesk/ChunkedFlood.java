package dev.newsdesk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client that POSTs an endless chunked body over a raw socket, as an attacker would, stopping at
 * {@code maxBytes} or as soon as the server starts to answer (a refusal before the body ends shows the
 * server did not wait for it, however fast the loopback drains it). {@link #reply} is everything the server sent
 * until it closed the connection (the call fails when it never closes).
 */
public record ChunkedFlood(String reply, long sent) {

    private static final int CHUNK = 64 * 1024;

    public static ChunkedFlood send(int port, String path, Map<String, String> headers, long maxBytes) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Void> answering = new CompletableFuture<>();
            CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> readToEnd(socket, answering));
            byte[] body = new byte[CHUNK];
            Arrays.fill(body, (byte) 'a');
            byte[] size = (Integer.toHexString(CHUNK) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            try {
                while (sent < maxBytes && !answering.isDone()) {
                    out.write(size);
                    out.write(body);
                    out.write(new byte[] {'\r', '\n'});
                    sent += CHUNK;
                }
            } catch (IOException closedByServer) {
                // what a server that stops reading does to the writer
            }
            return new ChunkedFlood(reply.get(60, TimeUnit.SECONDS), sent);
        }
    }

    public int status() {
        return Integer.parseInt(reply.substring(9, 12));
    }

    private static String readToEnd(Socket socket, CompletableFuture<Void> answering) {
        try {
            InputStream in = socket.getInputStream();
            int first = in.read();
            answering.complete(null);
            return first < 0 ? "" : (char) first + new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
