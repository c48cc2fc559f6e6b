package dev.newsdesk.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws how each store scales, from recorded {@link Measurement}s: answer latency (p50 and p99, one
 * thread) and indexing throughput against the number of chunks, both axes logarithmic, one series per
 * store, side by side in one PNG. The newest measurement of a store at a size counts.
 */
public final class ScalePlot {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;
    /** One colour per store, the same in both charts; p99 is the dashed line of its store's colour. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};

    private ScalePlot() {
    }

    public static void draw(List<Measurement> measurements, Path png) throws IOException {
        Map<String, List<Measurement>> byStore = newestPerSize(measurements);
        XYChart latency = chart("Answer latency, 1 thread", "ms");
        XYChart throughput = chart("Indexing throughput", "chunks per second");
        int n = 0;
        for (Map.Entry<String, List<Measurement>> e : byStore.entrySet()) {
            String store = e.getKey();
            List<Measurement> points = e.getValue();
            Color color = PALETTE[n++ % PALETTE.length];
            line(latency, store + " p50", points, m -> m.answers().p50(), color).setLineStyle(new BasicStroke(2f));
            line(latency, store + " p99", points, m -> m.answers().p99(), color).setLineStyle(
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            String how = points.stream().map(Measurement::indexing).distinct().collect(Collectors.joining("/"));
            line(throughput, store + " (" + how + ")", points, Measurement::chunksPerSecond, color);
        }
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(List.of(latency, throughput), 1, 2, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** Per store, its newest measurement at each size, smallest size first. */
    static Map<String, List<Measurement>> newestPerSize(List<Measurement> measurements) {
        Map<String, Map<Integer, Measurement>> newest = new TreeMap<>();
        measurements.forEach(m -> newest.computeIfAbsent(m.store(), s -> new TreeMap<>()).put(m.chunks(), m));
        Map<String, List<Measurement>> byStore = new TreeMap<>();
        newest.forEach((store, sizes) -> byStore.put(store, new ArrayList<>(sizes.values())));
        byStore.values().forEach(l -> l.sort(Comparator.comparingInt(Measurement::chunks)));
        return byStore;
    }

    private static XYChart chart(String title, String unit) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("chunks").yAxisTitle(unit).build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setChartBackgroundColor(Color.WHITE)
                .setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, List<Measurement> points, ToDoubleFunction<Measurement> y,
                                 Color color) {
        XYSeries series = chart.addSeries(name, points.stream().map(m -> (double) m.chunks()).toList(),
                points.stream().map(y::applyAsDouble).toList());
        series.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color).setLineColor(color);
        return series;
    }
}
