package dev.newsdesk.eval;

import dev.newsdesk.answer.Pipeline;
import dev.newsdesk.retrieve.Retriever;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Measures retrieval and full answers over an engine: every question asked once per thread count,
 * phrased anew each time so that no cached question embedding flatters the figures.
 */
public final class Benchmark {

    /** Latency figures of one configuration, in milliseconds. */
    /** {@code readerShare}: the share of the time that went to the reader (null when not measured). */
    public record Latency(int threads, int calls, double p50, double p99, double perSecond, Double readerShare) {
        @Override
        public String toString() {
            return String.format("%d thread%s: p50 %.1f ms, p99 %.1f ms, %.0f/s over %d calls%s",
                    threads, threads == 1 ? "" : "s", p50, p99, perSecond, calls,
                    readerShare == null ? "" : String.format(", %.0f%% of it reading", 100 * readerShare));
        }
    }

    private static final String[] PHRASINGS = {"%s", "Please tell me: %s", "According to the reports, %s",
        "Quick question: %s", "I'd like to know: %s", "From the articles: %s", "Tell me, %s", "In short, %s",
        "One more: %s", "%s Thanks.", "%s Please.", "So, %s", "Hi! %s", "Question: %s", "Now, %s", "And %s",
        "Briefly, %s", "%s (asking for a friend)", "Remind me: %s", "Do you know: %s", "%s I wonder.",
        "Help me out: %s", "Next: %s", "Okay, %s", "Well, %s"};

    private final Pipeline engine;
    private final List<String> questions;
    private int phrasing;

    public Benchmark(Pipeline engine, List<String> questions) {
        this.engine = engine;
        this.questions = questions;
    }

    public Latency retrieval(int threads) throws Exception {
        Retriever retriever = engine.retriever();
        return measure(threads, q -> retriever.retrieve(q, "bench", List.of()), false);
    }

    public Latency answers(int threads) throws Exception {
        return measure(threads, q -> engine.answers().ask(q, null), !"off".equals(engine.health().reader()));
    }

    /** Each measurement asks every question in three phrasings it has not used before. */
    private Latency measure(int threads, Consumer<String> call, boolean reading) throws Exception {
        List<String> asked = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            String format = PHRASINGS[phrasing++ % PHRASINGS.length];
            questions.forEach(q -> asked.add(String.format(format, q)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long started = System.nanoTime();
            double readBefore = engine.readingMillis();
            List<Future<Double>> timings = new ArrayList<>();
            for (String q : asked) {
                timings.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    call.accept(q);
                    return (System.nanoTime() - t) / 1e6;
                }));
            }
            double[] millis = new double[timings.size()];
            for (int i = 0; i < millis.length; i++) {
                millis[i] = timings.get(i).get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Double readerShare = reading ? (engine.readingMillis() - readBefore) / Arrays.stream(millis).sum() : null;
            Arrays.sort(millis);
            return new Latency(threads, millis.length, percentile(millis, 0.5), percentile(millis, 0.99),
                    millis.length / seconds, readerShare);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** Clears the heap pools' peak figures, so {@link #peakHeapMb()} covers what follows. */
    public static void resetPeakHeap() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    public static long peakHeapMb() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
