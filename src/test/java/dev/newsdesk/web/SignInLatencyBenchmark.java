package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.SignInProvider;
import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import dev.newsdesk.eval.EvalQuestion;
import dev.newsdesk.eval.Evaluation;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What access checks cost per answer: the same engine behind two servers, one with sign-in on (a bearer
 * token checked against the issuer's keys, the person's collections read from the access file, every search
 * filtered to them) and one with it off, asked the project's own questions over HTTP, interleaved; a second
 * server with sign-in off shows how far two identical servers differ. Prints the medians and ratios; asserts
 * no time. A benchmark, left out of the suite; run it with
 * {@code mvn test -Dtest=SignInLatencyBenchmark -Dexcluded.groups=none} (add {@code -Dnewsdesk.reader=off}
 * to measure without the reader, where an answer's own time is smallest and the checks weigh most).
 */
@Tag("benchmark")
class SignInLatencyBenchmark {

    private static final int WARM_UP = 40;
    private static final int ROUNDS = 3;

    @Test
    void measures_answer_latency_with_sign_in_on_and_off() throws Exception {
        Path corpus = TestEngines.tempDir("sign-in-bench");
        try (Stream<Path> seeds = Files.list(TestEngines.SEEDS)) {
            for (Path seed : seeds.toList()) {
                Files.copy(seed, corpus.resolve(seed.getFileName()));
            }
        }
        // A collection the signed-in person may not read, so that their searches are really filtered.
        Files.createDirectories(corpus.resolve("investigations"));
        Files.writeString(corpus.resolve("investigations/memo.md"), "Dredging contract memo\n\nThe dredging contract"
                + " went to Korvath Marine without a tender, the memo shows.\n");
        Path access = Files.writeString(TestEngines.tempDir("sign-in-bench-access").resolve("access.yaml"),
                "everyone: [default]\n");
        List<String> questions = Evaluation.load(Path.of("eval/questions.jsonl")).stream().map(EvalQuestion::question).toList();
        try (SignInProvider provider = new SignInProvider();
             Engine engine = Engine.start(TestEngines.settings(corpus, TestEngines.tempDir("sign-in-bench-index"),
                     Map.of("NEWSDESK_READER", System.getProperty("newsdesk.reader", "on"))), line -> { }, (d, t, f) -> { });
             TestServer on = TestServer.ready(engine, Map.of("NEWSDESK_OIDC_ISSUER", provider.issuer(),
                     "NEWSDESK_OIDC_CLIENT_ID", SignInProvider.CLIENT, "NEWSDESK_OIDC_AUDIENCE", SignInProvider.AUDIENCE,
                     "NEWSDESK_ACCESS_FILE", access.toString()));
             TestServer off = TestServer.ready(engine, Map.of());
             TestServer control = TestServer.ready(engine, Map.of())) {
            String token = provider.accessToken("bench", List.of());
            for (String question : questions.subList(0, WARM_UP)) {
                ask(on, question, token);
                ask(off, question, null);
                ask(control, question, null);
            }
            List<Double> signedIn = new ArrayList<>();
            List<Double> open = new ArrayList<>();
            List<Double> again = new ArrayList<>();
            Random order = new Random(7);
            for (int round = 0; round < ROUNDS; round++) {
                for (String question : questions) {
                    // Each question goes to the three servers in a random order, so that none is always the
                    // one that finds the engine's caches cold (or warm) for it.
                    List<Integer> servers = new ArrayList<>(List.of(0, 1, 2));
                    Collections.shuffle(servers, order);
                    for (int server : servers) {
                        switch (server) {
                            case 0 -> signedIn.add(ask(on, question, token));
                            case 1 -> open.add(ask(off, question, null));
                            default -> again.add(ask(control, question, null));
                        }
                    }
                }
            }
            double onMedian = median(signedIn);
            double offMedian = median(open);
            double controlMedian = median(again);
            String report = String.format("sign-in latency over %d questions (eval/questions.jsonl) x %d rounds, reader %s:%n"
                    + "  sign-in off:            p50 %.1f ms%n  sign-in off, 2nd server: p50 %.1f ms (ratio %.3f: the noise"
                    + " between two identical servers)%n  sign-in on:             p50 %.1f ms%n  ratio on/off: %.3f%n",
                    questions.size(), ROUNDS, engine.health().reader(), offMedian, controlMedian, controlMedian / offMedian,
                    onMedian, onMedian / offMedian);
            System.out.print(report);
            Files.createDirectories(Path.of("target/benchmarks"));
            Files.writeString(Path.of("target/benchmarks/sign-in-latency.txt"), report);
            assertThat(signedIn).hasSameSizeAs(open).hasSameSizeAs(again).hasSize(questions.size() * ROUNDS);
        }
    }

    /** Milliseconds from sending {@code question} to the whole answer. */
    private static double ask(TestServer server, String question, String token) throws IOException {
        long start = System.nanoTime();
        HttpResponse<String> response = server.send("POST", "/api/chat", "application/json",
                TestServer.JSON.createObjectNode().put("question", question).toString(), token);
        double ms = (System.nanoTime() - start) / 1e6;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ms;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
