package dev.newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.eval.Measurements;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTableTest {

    @Test
    void gives_each_stores_growth_over_its_smallest_synthetic_size_and_the_cluster_against_lucene() {
        String table = new BenchTable(List.of(
                Measurements.of("lucene", "seeds", 78, 4),
                Measurements.of("opensearch", "seeds", 78, 10),
                Measurements.of("lucene", "synthetic", 10_000, 10),
                Measurements.of("opensearch", "synthetic", 10_000, 20),
                Measurements.of("lucene", "synthetic", 100_000, 12),
                Measurements.of("opensearch", "synthetic", 100_000, 30))).toString();

        assertThat(table.lines()).anySatisfy(l -> assertThat(l).startsWith("78 ").contains("opensearch").endsWith("2.50×"));
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).startsWith("100000 ").contains("lucene").contains("1.20×"));
        assertThat(table.lines()).anySatisfy(l -> assertThat(l).startsWith("100000 ").contains("opensearch")
                .contains("1.50×").endsWith("2.50×"));
    }
}
