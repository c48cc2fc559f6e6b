package dev.newsdesk.slack;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers that answer and post, off the request thread: Slack wants its acknowledgement within
 * three seconds, and answering can take longer. The queue is bounded so a flood cannot exhaust memory;
 * {@link #offer} never blocks, it says no instead.
 */
public final class WorkQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);

    private final ThreadPoolExecutor pool;
    private final Duration drain;

    public WorkQueue(int workers, int capacity, Duration drain) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "slack-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity), threads, new ThreadPoolExecutor.AbortPolicy());
        this.drain = drain;
    }

    /** Queues {@code task}; false when the queue is full or closed. */
    public boolean offer(String what, Runnable task) {
        try {
            pool.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("{} failed", what, e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    public int queued() {
        return pool.getQueue().size();
    }

    public int active() {
        return pool.getActiveCount();
    }

    /** Takes no more work and waits (up to the drain time) for what is queued to be answered and posted. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} Slack tasks still running after {} s; abandoning them", pool.getActiveCount()
                        + pool.getQueue().size(), drain.toSeconds());
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
