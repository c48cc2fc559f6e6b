package dev.newsdesk.eval;

/** Benchmark measurements for tests of what reads them: only the answer latency varies, p99 three times p50. */
public final class Measurements {

    private Measurements() {
    }

    public static Measurement of(String store, String corpus, int chunks, double p50) {
        Benchmark.Latency answers = new Benchmark.Latency(1, 660, p50, 3 * p50, 1000 / p50, null);
        return new Measurement(store, corpus, chunks / 20, chunks, store.equals("lucene") ? "build" : "copy",
                chunks / 100.0, answers, answers, answers, 300, 400, "2026-11-22");
    }
}
