package dev.newsdesk.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One benchmark of one store on one corpus, as {@code bench --record} keeps it (a JSON line each):
 * how the chunks got into the store and how fast, how fast questions are answered, and the heap.
 *
 * @param indexing "build" (articles cleaned, chunked, embedded and written) or "copy" (chunks and
 *                 vectors copied from a Lucene index of the same corpus, nothing embedded again)
 */
public record Measurement(String store, String corpus, int articles, int chunks, String indexing, double indexSeconds,
                          Benchmark.Latency retrieval, Benchmark.Latency answers, Benchmark.Latency answers2Threads,
                          long indexHeapMb, long answerHeapMb, String date) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public double chunksPerSecond() {
        return chunks / indexSeconds;
    }

    public void appendTo(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, JSON.writeValueAsString(this) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every measurement in {@code file}, in the order they were made. */
    public static List<Measurement> readAll(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).map(l -> {
                try {
                    return JSON.readValue(l, Measurement.class);
                } catch (IOException e) {
                    throw new UncheckedIOException("a line of " + file + " is not a measurement: " + e.getMessage(), e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
