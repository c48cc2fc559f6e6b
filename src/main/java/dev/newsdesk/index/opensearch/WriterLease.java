package dev.newsdesk.index.opensearch;

import static dev.newsdesk.index.opensearch.Cluster.object;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsdesk.config.Fatal;
import java.io.Closeable;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Which of the {@code serve} processes on one cluster writes: the one holding this lease, a document of
 * the manifest index that its holder renews every third of the lease. Every write of it is conditional
 * on the version last seen ({@code if_seq_no}, {@code if_primary_term}), so two processes can never both
 * believe they took it. A lease nobody renewed for a whole lease period, as this process's own clock
 * measures it (so clocks need not agree), is taken over. Closing hands the lease back at once.
 */
public final class WriterLease implements Closeable {

    /** What this process does when it becomes the writer, and when it stops being it. */
    public interface Listener {
        void lead();

        void follow();
    }

    private static final String ID = "writer-lease";

    private final Cluster cluster;
    private final String document;
    private final String holder = UUID.randomUUID().toString();
    private final String url;
    private final Duration period;
    private final Listener listener;
    private final Consumer<String> log;
    private ScheduledExecutorService heartbeat;

    private boolean held;
    private long seqNo = -1;
    private long primaryTerm = -1;
    private String writerUrl;
    /** The version of another holder's lease when this process first saw it, and when (System.nanoTime). */
    private long seenSeqNo = -1;
    private long seenSince;

    WriterLease(Cluster cluster, String manifestIndex, String url, Duration period, Listener listener,
                Consumer<String> log) {
        this.cluster = cluster;
        this.document = "/" + manifestIndex + "/_doc/" + ID;
        this.url = url;
        this.period = period;
        this.listener = listener;
        this.log = log;
    }

    /** Tries for the lease now and then every third of the lease period, on a thread of its own. */
    public synchronized void start() {
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "writer-lease");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, period.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::beat, 0, every, TimeUnit.MILLISECONDS);
    }

    public synchronized boolean held() {
        return held;
    }

    /** Where the writer is, when it is another process that advertised its address. */
    public synchronized Optional<String> writerElsewhere() {
        return held ? Optional.empty() : Optional.ofNullable(writerUrl);
    }

    /** One heartbeat: renew the lease held, or take one that is free or has lapsed; a failure to reach the cluster is a lost beat. */
    void beat() {
        try {
            if (held()) {
                renew();
            } else {
                tryTake();
            }
        } catch (RuntimeException e) {
            // The cluster cannot be reached: a holder that cannot renew must stop writing before another takes over.
            if (held()) {
                lose("cannot renew the writer lease (" + e.getMessage() + ")");
            }
        } catch (Error e) {
            // A scheduled task that throws is never run again: the process would hold the lease and not renew it.
            Fatal.stop("the writer lease", e);
        }
    }

    private void renew() {
        Cluster.Reply reply = cluster.exchange("PUT", document + "?if_seq_no=" + seqNo + "&if_primary_term=" + primaryTerm
                + "&refresh=true", body());
        if (reply.status() < 300) {
            remember(reply.json());
        } else {
            lose("another process took the writer lease (" + reply.status() + ")");
        }
    }

    private void tryTake() {
        Optional<JsonNode> current = cluster.sendOrMissing("GET", document, null);
        if (current.isEmpty()) {
            take(cluster.exchange("PUT", document + "?op_type=create&refresh=true", body()), "free");
            return;
        }
        JsonNode lease = current.get();
        synchronized (this) {
            writerUrl = lease.path("_source").path("url").asText(null);
            long version = lease.path("_seq_no").asLong();
            if (version != seenSeqNo) {
                seenSeqNo = version;
                seenSince = System.nanoTime();
                return;
            }
            if (System.nanoTime() - seenSince < period.toNanos()) {
                return;
            }
        }
        take(cluster.exchange("PUT", document + "?if_seq_no=" + lease.path("_seq_no").asLong() + "&if_primary_term="
                + lease.path("_primary_term").asLong() + "&refresh=true", body()), "lapsed");
    }

    private void take(Cluster.Reply reply, String how) {
        if (reply.status() >= 300) {
            return; // another process was faster
        }
        synchronized (this) {
            remember(reply.json());
            held = true;
        }
        log.accept("newsdesk: took the " + how + " writer lease: this process writes the index");
        listener.lead();
    }

    private synchronized void remember(JsonNode written) {
        seqNo = written.path("_seq_no").asLong();
        primaryTerm = written.path("_primary_term").asLong();
    }

    private void lose(String why) {
        synchronized (this) {
            held = false;
            seenSeqNo = -1;
        }
        log.accept("newsdesk: " + why + "; this process stops writing");
        listener.follow();
    }

    private Object body() {
        return object("holder", holder, "url", url);
    }

    /** Stops the heartbeat and hands the lease back, so that another process takes it at its next beat. */
    @Override
    public void close() {
        ScheduledExecutorService beating;
        synchronized (this) {
            beating = heartbeat;
        }
        if (beating != null) {
            beating.shutdownNow();
            try {
                beating.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (held()) {
            try {
                cluster.exchange("DELETE", document + "?if_seq_no=" + seqNo + "&if_primary_term=" + primaryTerm, null);
            } catch (RuntimeException e) {
                log.accept("newsdesk: could not hand the writer lease back (" + e.getMessage() + "); it lapses in "
                        + period.toSeconds() + " s");
            }
        }
    }
}
