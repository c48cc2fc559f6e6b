package dev.newsdesk.cli;

import dev.newsdesk.eval.Measurement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The recorded measurements as a table, a row per size and store, with what the bars are judged by:
 * each store's answer p50 against the smallest synthetic size it was measured at, and the cluster's
 * p50 against the embedded index's at the same size.
 */
final class BenchTable {

    private final Map<Integer, Map<String, Measurement>> bySize = new TreeMap<>();

    BenchTable(List<Measurement> measurements) {
        measurements.forEach(m -> bySize.computeIfAbsent(m.chunks(), n -> new TreeMap<>()).put(m.store(), m));
    }

    @Override
    public String toString() {
        StringBuilder table = new StringBuilder(String.format("%-10s %-11s %-6s %9s %9s %9s %12s %8s %10s%n",
                "chunks", "store", "index", "chunks/s", "p50 ms", "p99 ms", "p50 growth", "heap MB", "vs lucene"));
        Map<String, Double> firstSynthetic = new TreeMap<>();
        for (String store : new TreeSet<>(bySize.values().stream().flatMap(m -> m.keySet().stream()).toList())) {
            bySize.values().stream().map(m -> m.get(store)).filter(m -> m != null && m.corpus().equals("synthetic"))
                    .findFirst().ifPresent(m -> firstSynthetic.put(store, m.answers().p50()));
        }
        bySize.forEach((chunks, stores) -> stores.forEach((store, m) -> {
            Measurement lucene = stores.get("lucene");
            table.append(String.format("%-10d %-11s %-6s %9.0f %9.1f %9.1f %12s %8d %10s%n", chunks, store, m.indexing(),
                    m.chunksPerSecond(), m.answers().p50(), m.answers().p99(),
                    m.corpus().equals("synthetic") ? ratio(m.answers().p50(), firstSynthetic.get(store)) : "",
                    m.answerHeapMb(), lucene == null || lucene == m ? "" : ratio(m.answers().p50(), lucene.answers().p50())));
        }));
        return table.toString();
    }

    private static String ratio(double value, double base) {
        return String.format("%.2f×", value / base);
    }
}
