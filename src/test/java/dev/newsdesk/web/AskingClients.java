package dev.newsdesk.web;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients that keep asking a server questions over HTTP, each on a thread of its own, until stopped:
 * the load under which the tests change the cluster. Every reply is kept, with how long it took.
 */
final class AskingClients {

    /** One reply: its status, the files it cites, and its body when it is not a 200. */
    record Reply(String question, int status, Set<String> files, long nanos, String failure) {
    }

    private final TestServer server;
    private final List<String> questions;
    private final List<Reply> replies = new CopyOnWriteArrayList<>();
    private final AtomicBoolean asking = new AtomicBoolean(true);
    private final ExecutorService threads;
    private final List<Future<?>> clients = new ArrayList<>();

    /** Starts {@code count} clients, each going through {@code questions} from its own place in the list. */
    AskingClients(TestServer server, List<String> questions, int count) {
        this.server = server;
        this.questions = questions;
        this.threads = Executors.newFixedThreadPool(count);
        for (int i = 0; i < count; i++) {
            int first = i * questions.size() / count;
            clients.add(threads.submit(() -> ask(first)));
        }
    }

    private void ask(int first) {
        for (int n = first; asking.get(); n++) {
            String question = questions.get(n % questions.size());
            long started = System.nanoTime();
            replies.add(reply(question, started));
        }
    }

    private Reply reply(String question, long started) {
        try {
            HttpResponse<String> response = server.chat(Map.of("question", question));
            long nanos = System.nanoTime() - started;
            if (response.statusCode() != 200) {
                return new Reply(question, response.statusCode(), Set.of(), nanos, response.body());
            }
            Set<String> files = new TreeSet<>();
            TestServer.json(response).path("citations").forEach(c -> files.add(c.path("file").asText()));
            return new Reply(question, 200, files, nanos, null);
        } catch (RuntimeException e) {
            // A broken connection to the server counts as a failed answer, as it would for a user.
            return new Reply(question, 0, Set.of(), System.nanoTime() - started, e.toString());
        }
    }

    /** How many replies have come so far. */
    int count() {
        return replies.size();
    }

    /** Waits until {@code more} replies have come after the ones there are now. */
    void awaitMore(int more) throws InterruptedException {
        int target = replies.size() + more;
        while (replies.size() < target) {
            Thread.sleep(20);
        }
    }

    /** Stops asking, waits for the questions under way, and returns every reply. */
    List<Reply> stop() throws Exception {
        asking.set(false);
        for (Future<?> client : clients) {
            client.get();
        }
        threads.shutdown();
        return List.copyOf(replies);
    }

    /** "p50 … ms, p99 … ms" of {@code replies}, for the figures a test prints. */
    static String latency(List<Reply> replies) {
        double[] millis = replies.stream().mapToDouble(r -> r.nanos() / 1e6).sorted().toArray();
        return String.format("p50 %.0f ms, p99 %.0f ms", percentile(millis, 0.5), percentile(millis, 0.99));
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
