package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WebLimitsTest {

    private static final String ALICE = "127.0.0.1";
    private static final String BOB = "127.0.0.2";

    @Test
    void past_the_questions_answering_and_waiting_the_next_is_refused_until_one_is_done() {
        Admission admission = new Admission(1, 1, new SimpleMeterRegistry().counter("refused"));

        Optional<Admission.Ticket> first = admission.tryEnter();
        Optional<Admission.Ticket> second = admission.tryEnter();
        Optional<Admission.Ticket> third = admission.tryEnter();
        first.orElseThrow().close();

        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(third).isEmpty();
        assertThat(admission.tryEnter()).isPresent();
    }

    @Test
    void under_a_burst_each_question_is_answered_or_refused_with_503_and_retry_after() {
        try (TestServer server = TestServer.ready(Map.of("NEWSDESK_MAX_ANSWERING", "1", "NEWSDESK_MAX_WAITING", "0"))) {
            List<CompletableFuture<HttpResponse<String>>> burst = IntStream.range(0, 24)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> server.chat(Map.of("question", "What did Putin warn about? " + i))))
                    .toList();

            List<HttpResponse<String>> responses = burst.stream().map(CompletableFuture::join).toList();

            assertThat(responses).anySatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
            assertThat(responses).allSatisfy(r -> {
                if (r.statusCode() != 200) {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                    assertThat(r.headers().firstValue("Retry-After")).contains(Admission.RETRY_AFTER_SECONDS);
                    assertThat(TestServer.json(r).get("error").asText()).contains("ask again");
                }
            });
        }
    }

    @Test
    void connections_past_the_per_address_or_total_limit_are_closed_at_once_and_the_places_come_back() throws Exception {
        try (TestServer server = TestServer.ready(Map.of("NEWSDESK_MAX_CONNECTIONS", "3",
                "NEWSDESK_MAX_CONNECTIONS_PER_ADDRESS", "2"));
             Socket alice1 = connect(server, ALICE);
             Socket alice2 = connect(server, ALICE)) {
            // One at a time: the server takes connections on several threads, in no fixed order.
            assertThat(health(alice1)).startsWith("HTTP/1.1 200");
            assertThat(health(alice2)).startsWith("HTTP/1.1 200");
            try (Socket aliceTooMany = connect(server, ALICE)) {
                assertThat(aliceTooMany.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            }
            try (Socket bob = connect(server, BOB)) {
                assertThat(health(bob)).startsWith("HTTP/1.1 200");
                try (Socket bobPastTotal = connect(server, BOB)) {
                    assertThat(bobPastTotal.getInputStream().read()).as("closed by the server").isEqualTo(-1);
                }
            }
            alice2.close();
            assertThat(healthOnceFree(server, ALICE)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void at_the_total_limit_a_client_that_asks_gets_the_place_of_the_oldest_silent_connection() throws Exception {
        try (TestServer server = TestServer.ready(Map.of("NEWSDESK_MAX_CONNECTIONS", "3",
                "NEWSDESK_MAX_CONNECTIONS_PER_ADDRESS", "10"));
             Socket silent1 = connect(server, ALICE)) {
            Thread.sleep(50); // the oldest of the silent ones, by its time of opening
            try (Socket silent2 = connect(server, ALICE); Socket silent3 = connect(server, ALICE)) {
                assertThat(healthOnceFree(server, BOB)).startsWith("HTTP/1.1 200");
                assertThat(silent1.getInputStream().read()).as("the oldest silent connection, closed").isEqualTo(-1);
            }
        }
    }

    @Test
    void a_connection_trickling_its_request_head_is_closed_at_the_header_deadline() throws Exception {
        try (TestServer server = TestServer.ready(Map.of("NEWSDESK_HEADER_TIMEOUT_SECONDS", "1"));
             Socket slow = connect(server, BOB)) {
            OutputStream out = slow.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                try {
                    while (true) {
                        out.write('X');
                        out.flush();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server hung up, as it should
                }
            });

            assertThat(slow.getInputStream().read()).as("closed before the idle timeout, answered nothing").isEqualTo(-1);
            trickle.cancel(true);
        }
    }

    private static Socket connect(TestServer server, String from) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.web.port(), InetAddress.getByName(from), 0);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** /health on a new connection, tried again while the server has not yet counted a closed one out. */
    private static String healthOnceFree(TestServer server, String from) throws Exception {
        String status = "";
        for (int attempt = 0; attempt < 50 && !status.startsWith("HTTP/1.1 200"); attempt++) {
            try (Socket socket = connect(server, from)) {
                status = health(socket);
            } catch (IOException refused) {
                Thread.sleep(100);
            }
        }
        return status;
    }

    private static String health(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] head = new byte[12];
        int n = socket.getInputStream().readNBytes(head, 0, head.length);
        return new String(head, 0, n, StandardCharsets.US_ASCII);
    }
}
