package dev.newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.eval.Benchmark;
import dev.newsdesk.eval.Measurement;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTableTest {

    private static Measurement measured(String store, String corpus, int chunks, double p50) {
        Benchmark.Latency answers = new Benchmark.Latency(1, 660, p50, 3 * p50, 1000 / p50);
        return new Measurement(store, corpus, chunks / 20, chunks, "build", chunks / 100.0, answers, answers, answers,
                300, 400, "2026-11-22");
    }

    @Test
    void gives_each_stores_growth_over_its_smallest_synthetic_size_and_the_cluster_against_lucene() {
        String table = new BenchTable(List.of(
                measured("lucene", "seeds", 78, 4), measured("opensearch", "seeds", 78, 10),
                measured("lucene", "synthetic", 10_000, 10), measured("opensearch", "synthetic", 10_000, 20),
                measured("lucene", "synthetic", 100_000, 12), measured("opensearch", "synthetic", 100_000, 30))).toString();

        assertThat(table.lines()).anySatisfy(l -> assertThat(l).startsWith("78 ").contains("opensearch").endsWith("2.50×"));
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).startsWith("100000 ").contains("lucene").contains("1.20×"));
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).startsWith("100000 ").contains("opensearch")
                .contains("1.50×").endsWith("2.50×"));
    }
}
