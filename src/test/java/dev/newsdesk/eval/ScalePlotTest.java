package dev.newsdesk.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScalePlotTest {

    @Test
    void keeps_the_newest_measurement_of_each_store_at_each_size_smallest_first() {
        List<Measurement> all = List.of(
                Measurements.of("lucene", "synthetic", 100_000, 13),
                Measurements.of("lucene", "synthetic", 10_000, 11),
                Measurements.of("opensearch", "synthetic", 10_000, 20),
                Measurements.of("lucene", "synthetic", 10_000, 9));

        var byStore = ScalePlot.newestPerSize(all);

        assertThat(byStore).containsOnlyKeys("lucene", "opensearch");
        assertThat(byStore.get("lucene")).extracting(Measurement::chunks).containsExactly(10_000, 100_000);
        assertThat(byStore.get("lucene").get(0).answers().p50()).isEqualTo(9);
    }

    @Test
    void draws_latency_and_throughput_side_by_side_each_store_in_its_own_colour(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("plots/scale.png");

        ScalePlot.draw(List.of(
                Measurements.of("lucene", "synthetic", 10_000, 11),
                Measurements.of("lucene", "synthetic", 100_000, 13),
                Measurements.of("opensearch", "synthetic", 10_000, 20),
                Measurements.of("opensearch", "synthetic", 100_000, 26)), png);

        BufferedImage image = ImageIO.read(Files.newInputStream(png));
        assertThat(image.getWidth()).isEqualTo(2 * 640);
        assertThat(image.getHeight()).isEqualTo(420);
        assertThat(colourIn(image, 0, 640, 0x1f77b4)).as("lucene's lines in the latency chart").isTrue();
        assertThat(colourIn(image, 0, 640, 0xff7f0e)).as("opensearch's lines in the latency chart").isTrue();
        assertThat(colourIn(image, 640, 1280, 0xff7f0e)).as("opensearch's line in the throughput chart").isTrue();
    }

    private static boolean colourIn(BufferedImage image, int fromX, int toX, int rgb) {
        for (int x = fromX; x < toX; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
