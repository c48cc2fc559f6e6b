package dev.newsdesk.live;

import dev.newsdesk.config.Fatal;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.index.ChunkWriter;
import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.Corpus;
import dev.newsdesk.ingest.CorpusLoader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Keeps the index and the corpus in step with the corpus folder while questions are answered. Files
 * are named to it ({@link #submit}) by the folder watcher, the admin API and feeds; one worker thread
 * waits for a quiet moment (a copy of many files arrives as many events), then reads the named files
 * and indexes a batch: one commit and one searcher refresh, so a question sees all of a batch or none.
 * Re-reading is by content hash, so a file named twice is indexed once. A batch that fails (a full
 * disk, an unreachable cluster) is tried again on a back-off schedule, and /health says so meanwhile;
 * a failure nothing can contain (an {@link Error}) ends the process ({@link Fatal}).
 */
public final class LiveIngest implements Closeable {

    /**
     * What /health and /metrics report: {@code failing} files wait to be tried again after
     * {@code lastError}; {@code writes} is false while another process writes the store and this one
     * follows the folder only (a replica on the cluster store).
     */
    public record Status(int articles, Instant lastIngest, long errors, int failing, String lastError, boolean writes) {
    }

    /** The first retry of a failed batch waits this long, each next one twice as long as the last. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    /** No retry waits longer: a disk freed or a cluster back is noticed within five minutes. */
    static final Duration LONGEST_RETRY = Duration.ofMinutes(5);

    private record Retry(int attempt, long due) {
    }

    private final Path folder;
    private final CorpusLoader loader;
    private final Corpus corpus;
    private final ChunkStore index;
    private final ChunkWriter writer;
    private final Timing timing;
    private final Consumer<String> log;
    /** Files waiting to be read, each with the callers waiting for it to be searchable. */
    private final Map<String, List<CompletableFuture<Void>>> pending = new LinkedHashMap<>();
    private final AtomicLong errors = new AtomicLong();
    /** Files whose batch failed, with when to try them again. */
    private final Map<String, Retry> retries = new LinkedHashMap<>();
    private volatile String lastError;
    private final Thread worker;
    private long firstArrival;
    private long lastArrival;
    private volatile Instant lastIngest;
    private volatile boolean closed;

    /**
     * {@code quiet}: how long no new file must arrive before a batch starts; {@code maxDelay}: the
     * longest a file waits for that quiet; {@code batchSize}: files per commit, so that a large drop
     * becomes searchable a slice at a time rather than at the very end.
     */
    public record Timing(Duration quiet, Duration maxDelay, int batchSize) {
        public static final Timing DEFAULT = new Timing(Duration.ofMillis(100), Duration.ofMillis(500), 16);
    }

    public LiveIngest(Path folder, CorpusLoader loader, Corpus corpus, ChunkStore index, ChunkWriter writer,
                      Timing timing, Consumer<String> log) {
        this.folder = folder;
        this.loader = loader;
        this.corpus = corpus;
        this.index = index;
        this.writer = writer;
        this.timing = timing;
        this.log = log;
        this.worker = new Thread(this::run, "live-ingest");
        worker.setDaemon(true);
    }

    /** Starts the worker that reads and indexes what is submitted. */
    public void start() {
        worker.start();
    }

    /** Reads {@code file} (a name in the corpus folder) again; completes once the result is searchable. */
    public CompletableFuture<Void> submit(String file) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            long now = System.nanoTime();
            if (pending.isEmpty()) {
                firstArrival = now;
            }
            lastArrival = now;
            pending.computeIfAbsent(file, f -> new ArrayList<>()).add(done);
            notifyAll();
        }
        return done;
    }

    /** Reads every file of the folder and every known one again: after start, and when events were lost. */
    public CompletableFuture<Void> rescan() {
        TreeSet<String> files = new TreeSet<>(writer.indexed().keySet());
        corpus.articles().forEach(a -> files.add(a.file()));
        try {
            files.addAll(CorpusLoader.articleNames(folder));
        } catch (IOException e) {
            errors.incrementAndGet();
            log.accept("cannot list the corpus folder " + folder + ": " + e.getMessage());
        }
        return CompletableFuture.allOf(files.stream().map(this::submit).toArray(CompletableFuture[]::new));
    }

    public synchronized Status status() {
        return new Status(corpus.articles().size(), lastIngest, errors.get(), retries.size(),
                retries.isEmpty() ? null : lastError, writer.writes());
    }

    /** Where the process that writes the store is, when it is another one (a cluster replica's writer). */
    public Optional<String> writerElsewhere() {
        return writer.writerElsewhere();
    }

    private void run() {
        while (true) {
            Map<String, List<CompletableFuture<Void>>> batch = nextBatch();
            if (batch.isEmpty()) {
                return; // closed
            }
            try {
                ingest(batch.keySet());
                synchronized (this) {
                    batch.keySet().forEach(retries::remove);
                }
                batch.values().forEach(waiting -> waiting.forEach(f -> f.complete(null)));
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    batch.values().forEach(waiting -> waiting.forEach(f -> f.completeExceptionally(e)));
                    return; // stopped part-way: the next start catches up from the folder
                }
                errors.incrementAndGet();
                lastError = String.valueOf(e);
                Duration wait = retryLater(batch.keySet());
                log.accept("ingesting " + batch.keySet() + " failed (" + e + "); the folder is unchanged, trying again"
                        + " in " + wait.toSeconds() + " s");
                // Last: a caller that learns of the failure finds it already reported and scheduled.
                batch.values().forEach(waiting -> waiting.forEach(f -> f.completeExceptionally(e)));
            } catch (Error e) {
                Fatal.stop("live ingestion", e);
                return;
            }
        }
    }

    /** Puts {@code files} on the retry schedule; how long until the first of them is tried again. */
    private synchronized Duration retryLater(Iterable<String> files) {
        long now = System.nanoTime();
        long soonest = Long.MAX_VALUE;
        for (String file : files) {
            int attempt = retries.containsKey(file) ? retries.get(file).attempt() + 1 : 1;
            long wait = Math.min(LONGEST_RETRY.toNanos(), FIRST_RETRY.toNanos() << Math.min(attempt - 1, 20));
            retries.put(file, new Retry(attempt, now + wait));
            soonest = Math.min(soonest, wait);
        }
        notifyAll();
        return Duration.ofNanos(soonest);
    }

    /** Moves the retries that are due into {@code pending}; the nanoseconds until the next one is due (0: none). */
    private long dueRetries() {
        long now = System.nanoTime();
        long next = 0;
        for (Map.Entry<String, Retry> retry : retries.entrySet()) {
            long left = retry.getValue().due() - now;
            if (left <= 0) {
                if (!pending.containsKey(retry.getKey())) {
                    if (pending.isEmpty()) {
                        firstArrival = now;
                    }
                    lastArrival = now;
                    pending.put(retry.getKey(), new ArrayList<>());
                }
            } else {
                next = next == 0 ? left : Math.min(next, left);
            }
        }
        return next;
    }

    /** Waits for files (or a retry that falls due) and then for a quiet moment (at most {@code maxDelay}), and takes a batch. */
    private synchronized Map<String, List<CompletableFuture<Void>>> nextBatch() {
        while (!closed) {
            long untilRetry = dueRetries();
            if (!pending.isEmpty()) {
                break;
            }
            waitQuietly(untilRetry == 0 ? 0 : Math.max(1, untilRetry / 1_000_000));
        }
        while (!closed) {
            long now = System.nanoTime();
            long quietLeft = lastArrival + timing.quiet().toNanos() - now;
            long delayLeft = firstArrival + timing.maxDelay().toNanos() - now;
            long wait = Math.min(quietLeft, delayLeft);
            if (wait <= 0) {
                break;
            }
            waitQuietly(Math.max(1, wait / 1_000_000));
        }
        Map<String, List<CompletableFuture<Void>>> batch = new LinkedHashMap<>();
        if (closed) {
            return batch;
        }
        Iterator<Map.Entry<String, List<CompletableFuture<Void>>>> entries = pending.entrySet().iterator();
        while (entries.hasNext() && batch.size() < timing.batchSize()) {
            Map.Entry<String, List<CompletableFuture<Void>>> entry = entries.next();
            batch.put(entry.getKey(), entry.getValue());
            entries.remove();
        }
        // What is left is already late: it goes next without another wait.
        firstArrival = Long.MIN_VALUE / 2;
        return batch;
    }

    private void ingest(Iterable<String> files) throws IOException {
        List<Article> upserts = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Map<String, String> indexed = writer.indexed();
        for (String file : files) {
            Optional<Article> article = read(file);
            if (article.isPresent()) {
                if (!article.get().sha256().equals(indexed.get(file))
                        || corpus.article(file).map(a -> !a.sha256().equals(article.get().sha256())).orElse(true)) {
                    upserts.add(article.get());
                }
            } else if (indexed.containsKey(file) || corpus.article(file).isPresent()) {
                removed.add(file);
            }
        }
        if (upserts.isEmpty() && removed.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        boolean writing = writer.writes();
        int chunks = writer.apply(upserts, removed);
        // New text first, so that the refreshed searcher never cites a file the corpus lacks; removed
        // files go after, so that searches still under way on the old searcher can cite them.
        corpus.apply(upserts, List.of());
        index.refresh();
        corpus.apply(List.of(), removed);
        lastIngest = Instant.now();
        log.accept((writing ? "indexed " : "followed the writer: read ") + upserts.size() + " article(s) (" + chunks
                + " chunks), removed " + removed.size() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** The article in {@code file}; empty when it is gone, not an article file, or unreadable (warned). */
    private Optional<Article> read(String file) {
        try {
            return loader.readOne(folder, file);
        } catch (IOException e) {
            // Deleted between the check and the read, or unreadable: either way not an article now.
            log.accept("skipped " + file + ": cannot read it (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /**
     * Object.wait that is woken by {@link #close()} rather than interrupted: an interrupt during a
     * commit would close the index files under the writer.
     */
    private void waitQuietly(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    /** Finishes the batch under way (the rest is caught up from the folder at the next start). */
    @Override
    public void close() throws IOException {
        // First: a batch that the stop below makes fail is then not scheduled to be tried again.
        closed = true;
        // Outside the lock: the batch under way gives up at its next slice of sentences.
        writer.stop();
        synchronized (this) {
            notifyAll();
            // Nobody will index these now; callers learn at once instead of waiting out their timeout.
            IOException stopping = new IOException("stopping: left for the next start to catch up");
            pending.values().forEach(waiting -> waiting.forEach(f -> f.completeExceptionally(stopping)));
            pending.clear();
        }
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
    }
}
