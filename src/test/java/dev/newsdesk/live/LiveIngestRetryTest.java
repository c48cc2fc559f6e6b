package dev.newsdesk.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsdesk.FictionalCorpus;
import dev.newsdesk.TestEngines;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.app.Engine;
import dev.newsdesk.index.ChunkWriter;
import dev.newsdesk.index.Embedder;
import dev.newsdesk.index.IndexBuilder;
import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.Chunker;
import dev.newsdesk.ingest.Cleaner;
import dev.newsdesk.ingest.CorpusLoader;
import dev.newsdesk.ingest.SentenceSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A batch that fails to save (here a disk that is full for a while) is tried again on its own schedule:
 * nothing else needs to change in the folder for its files to become searchable once the disk has room.
 */
class LiveIngestRetryTest {

    /** The index's real writer, failing as a full disk does while {@code full} is set. */
    private static final class FillingDisk implements ChunkWriter {
        private final ChunkWriter disk;
        volatile boolean full;
        volatile int refused;

        FillingDisk(ChunkWriter disk) {
            this.disk = disk;
        }

        @Override
        public Map<String, String> indexed() {
            return disk.indexed();
        }

        @Override
        public int apply(Collection<Article> upserts, Collection<String> removed) throws IOException {
            if (full) {
                refused++;
                throw new IOException("No space left on device");
            }
            return disk.apply(upserts, removed);
        }

        @Override
        public void stop() {
            disk.stop();
        }

        @Override
        public void close() throws IOException {
            disk.close();
        }
    }

    @Test
    void a_batch_that_failed_is_retried_without_another_change_and_reported_as_failing_meanwhile() throws Exception {
        Path corpus = FictionalCorpus.write();
        Path index = TestEngines.tempDir("newsdesk-retry-index");
        List<String> log = new CopyOnWriteArrayList<>();
        try (Engine engine = Engine.start(TestEngines.settings(corpus, index, Map.of("NEWSDESK_READER", "off")),
                log::add, (d, t, f) -> { })) {
            IndexBuilder builder = new IndexBuilder(index, new Chunker(new Cleaner(), new SentenceSplitter(), 3, 1),
                    Embedder.named(engine.settings().embeddingModel()), log::add);
            FillingDisk disk = new FillingDisk(builder.openLive());
            disk.full = true;
            try (LiveIngest live = new LiveIngest(corpus, new CorpusLoader(log::add), engine.corpus(), engine.index(),
                    disk, LiveIngest.Timing.DEFAULT, log::add)) {
                live.start();
                Files.writeString(corpus.resolve("ferry.txt"), "Ferry timetable changes\n"
                        + "The Brannock ferry will sail nine times a day from May, its operator said.\n");

                assertThatThrownBy(() -> live.submit("ferry.txt").get(20, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasMessageContaining("No space left");
                LiveIngest.Status failing = live.status();
                assertThat(failing.failing()).isEqualTo(1);
                assertThat(failing.lastError()).contains("No space left");
                assertThat(log).anySatisfy(line -> assertThat(line).contains("ferry.txt", "trying again in 1 s"));

                // Nothing else changes: the schedule alone brings the batch back, 1 s after the first failure.
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (disk.refused < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(disk.refused).as("tried again while full, on the schedule").isGreaterThanOrEqualTo(2);

                disk.full = false;

                awaitSearchable(engine, live, Duration.ofSeconds(30));
                assertThat(live.status().failing()).isZero();
                assertThat(live.status().lastError()).isNull();
                assertThat(engine.answers().ask("How many times a day will the Brannock ferry sail?", null)
                        .citations()).extracting(Citation::file).contains("ferry.txt");
            }
        }
    }

    private static void awaitSearchable(Engine engine, LiveIngest live, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while ((engine.index().chunkCount("ferry.txt") == 0 || live.status().failing() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }
}
