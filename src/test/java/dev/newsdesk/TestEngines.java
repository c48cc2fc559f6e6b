package dev.newsdesk;

import dev.newsdesk.app.Engine;
import dev.newsdesk.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Real engines for tests: the real seeds, a real Lucene index in a temporary folder and the real
 * embedding model. The shared engine is built once per test JVM, because building it is the slow part.
 */
public final class TestEngines {

    public static final Path SEEDS = Path.of("seeds");

    private static Engine shared;
    private static Engine sharedUnread;

    private TestEngines() {
    }

    /**
     * Settings over {@code corpus} with the index in {@code index}, plus any other variables;
     * conversations are kept in a fresh folder unless {@code env} names one.
     */
    public static Settings settings(Path corpus, Path index, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("NEWSDESK_CONVERSATIONS", tempDir("newsdesk-conversations").toString());
        all.put("NEWSDESK_CORPUS", corpus.toString());
        all.put("NEWSDESK_INDEX", index.toString());
        return Settings.from(all);
    }

    /** An engine over the seeds that every test may share (do not close it). */
    public static synchronized Engine shared() {
        if (shared == null) {
            shared = Engine.start(settings(SEEDS, tempDir("newsdesk-shared-index"), Map.of()), s -> { }, (d, t, f) -> { });
        }
        return shared;
    }

    /**
     * The shared engine's index, answered without the reader: for tests of the stores and of transport
     * under load, where what they compare is retrieval and citing, and reading would only cost time.
     */
    public static synchronized Engine sharedWithoutReader() {
        if (sharedUnread == null) {
            sharedUnread = Engine.start(settings(SEEDS, shared().settings().index(), Map.of("NEWSDESK_READER", "off")),
                    s -> { }, (d, t, f) -> { });
        }
        return sharedUnread;
    }

    /** Overwrites 1 KB in the middle of the largest file of the index at {@code index}, as a failing disk might. */
    public static void damageLargestFile(Path index) throws IOException {
        Path largest;
        try (Stream<Path> files = Files.list(index)) {
            largest = files.max(Comparator.comparingLong(TestEngines::size)).orElseThrow();
        }
        try (FileChannel file = FileChannel.open(largest, StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[1024]), file.size() / 2);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
