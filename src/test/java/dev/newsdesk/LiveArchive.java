package dev.newsdesk;

import dev.newsdesk.answer.Answer;
import dev.newsdesk.app.Engine;
import dev.newsdesk.live.FolderWatcher;
import dev.newsdesk.live.LiveIngest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A serving engine over a copy of the seeds in a temporary folder, with live ingestion and the folder
 * watcher running, as {@code serve} assembles them: tests change the folder and watch answers change.
 */
public final class LiveArchive implements AutoCloseable {

    public final Path corpus = TestEngines.tempDir("newsdesk-live-corpus");
    public final Path index = TestEngines.tempDir("newsdesk-live-index");
    public final List<String> log = new CopyOnWriteArrayList<>();
    public final Engine engine;
    public final LiveIngest live;
    private final FolderWatcher watcher;

    public LiveArchive(Map<String, String> env) {
        try (Stream<Path> seeds = Files.list(TestEngines.SEEDS)) {
            for (Path seed : seeds.toList()) {
                Files.copy(seed, corpus.resolve(seed.getFileName()));
            }
            engine = Engine.start(TestEngines.settings(corpus, index, env), log::add, (d, t, f) -> { });
            live = engine.liveIngest(log::add, "http://127.0.0.1:0/");
            watcher = new FolderWatcher(corpus, live, log::add);
            watcher.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer ask(String question) {
        return engine.answers().ask(question, null);
    }

    /** Asks until the answer satisfies {@code until} or {@code timeout} passes; the last answer. */
    public Answer askUntil(String question, Predicate<Answer> until, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer answer = ask(question);
        while (!until.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            answer = ask(question);
        }
        return answer;
    }

    @Override
    public void close() throws IOException {
        watcher.close();
        live.close();
        engine.close();
    }
}
