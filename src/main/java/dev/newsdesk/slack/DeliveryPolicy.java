package dev.newsdesk.slack;

import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every message to Slack is retried: at most once delivered, as often as safe attempted. A retry is
 * made only when Slack certainly did not act on the request: it said so (HTTP 429 with Retry-After, or an
 * error naming a transient condition), the connection was never made, or a reused connection was found
 * closed before anything was sent on it ({@link StaleConnections}). A request that may have reached
 * Slack (read timeout, reset, 5xx) is never sent again, because chat.postMessage has no idempotency key
 * and a second send would post the answer twice; such a loss is logged and counted instead.
 */
final class DeliveryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryPolicy.class);

    private final int maxAttempts;
    private final Duration maxWait;
    private final Counter failures;

    DeliveryPolicy(int maxAttempts, Duration maxWait, Counter failures) {
        this.maxAttempts = maxAttempts;
        this.maxWait = maxWait;
        this.failures = failures;
    }

    /** What one attempt came to; {@code delay} is how long to wait before the next, when there is one. */
    record Attempt(boolean delivered, boolean retry, Duration delay, String detail) {
        static Attempt done() {
            return new Attempt(true, false, Duration.ZERO, "delivered");
        }

        static Attempt retryAfter(Duration wait, String why) {
            return new Attempt(false, true, wait, why);
        }

        static Attempt giveUp(String why) {
            return new Attempt(false, false, Duration.ZERO, why);
        }

        /** Retry only when the server cannot have processed the request. */
        static Attempt failed(IOException e, int attempt) {
            if (neverConnected(e)) {
                return retryAfter(backoff(attempt), "cannot connect: " + e);
            }
            return StaleConnections.isStale(e)
                    ? retryAfter(Duration.ZERO, e.getMessage() + "; sending it on a new connection")
                    : giveUp("the request may have been received, so it is not resent: " + e);
        }
    }

    /** Runs {@code attempt} (given the attempt number, from 1) until it delivers, gives up or runs out of attempts; true when delivered. */
    boolean deliver(String what, IntFunction<Attempt> attempt) {
        Attempt last = null;
        for (int n = 1; n <= maxAttempts; n++) {
            last = attempt.apply(n);
            if (last.delivered()) {
                return true;
            }
            if (!last.retry() || n == maxAttempts) {
                break;
            }
            LOG.info("{}: attempt {} not delivered ({}); retrying in {} ms", what, n, last.detail(),
                    last.delay().toMillis());
            if (!sleep(min(last.delay(), maxWait))) {
                break;
            }
        }
        failures.increment();
        LOG.error("{}: not delivered: {}", what, last == null ? "no attempt" : last.detail());
        return false;
    }

    /** Slack's Retry-After (whole seconds), or exponential backoff when it is missing or unreadable. */
    static Duration retryAfter(String header, int attempt) {
        if (header != null) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
            } catch (NumberFormatException ignored) {
                // fall through to backoff: a malformed header must not stop the retry
            }
        }
        return backoff(attempt);
    }

    static Duration backoff(int attempt) {
        return Duration.ofSeconds(1L << Math.min(attempt - 1, 5));
    }

    private static boolean neverConnected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
