package dev.newsdesk.web;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.micrometer.core.instrument.Counter;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sheds load instead of queueing it: at most {@code answering} questions are answered at once and at
 * most {@code waiting} more wait their turn; a question beyond that is refused at once with 503 and
 * Retry-After, so that the ones taken on are answered fast and a client learns at once to come back.
 * (Jetty 11's QoSFilter bounds waiting by time, not by count, and leaves out Retry-After.)
 */
final class Admission {

    static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore answering;
    private final int capacity;
    private final AtomicInteger admitted = new AtomicInteger();
    private final Counter refused;

    Admission(int answering, int waiting, Counter refused) {
        this.answering = new Semaphore(Math.max(1, answering), true);
        this.capacity = Math.max(1, answering) + Math.max(0, waiting);
        this.refused = refused;
    }

    /** A place for one question; throws a 503 (with Retry-After on {@code ctx}) when there is none. */
    Ticket enter(Context ctx) {
        return tryEnter().orElseThrow(() -> {
            ctx.header(Header.RETRY_AFTER, RETRY_AFTER_SECONDS);
            return new HttpResponseException(HttpStatus.SERVICE_UNAVAILABLE.getCode(),
                    "The server is answering as many questions as it can; ask again in a second.");
        });
    }

    /** A place for one question, or empty when every place is taken. */
    Optional<Ticket> tryEnter() {
        if (admitted.incrementAndGet() > capacity) {
            admitted.decrementAndGet();
            refused.increment();
            return Optional.empty();
        }
        return Optional.of(new Ticket());
    }

    /** One admitted question: wait for {@link #awaitTurn()}, then answer, then close. */
    final class Ticket implements AutoCloseable {
        private boolean turn;

        void awaitTurn() throws InterruptedException {
            answering.acquire();
            turn = true;
        }

        @Override
        public void close() {
            if (turn) {
                answering.release();
            }
            admitted.decrementAndGet();
        }
    }
}
