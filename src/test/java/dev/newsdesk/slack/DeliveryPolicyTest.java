package dev.newsdesk.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.slack.DeliveryPolicy.Attempt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

    private final Counter failures = new SimpleMeterRegistry().counter("failures");
    private final DeliveryPolicy policy = new DeliveryPolicy(3, Duration.ofSeconds(60), failures);
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void a_connection_that_was_never_made_is_retried() {
        boolean delivered = policy.deliver("test", n -> attempts.incrementAndGet() == 1
                ? Attempt.failed(new ConnectException("Connection refused"), n)
                : Attempt.done());

        assertThat(delivered).isTrue();
        assertThat(attempts).hasValue(2);
        assertThat(failures.count()).isZero();
    }

    @Test
    void a_request_that_may_have_arrived_is_never_sent_again() {
        boolean delivered = policy.deliver("test", n -> {
            attempts.incrementAndGet();
            return Attempt.failed(new SocketTimeoutException("timeout"), n);
        });

        assertThat(delivered).isFalse();
        assertThat(attempts).hasValue(1);
        assertThat(failures.count()).isEqualTo(1);
    }

    @Test
    void wrapped_connect_failures_count_as_never_connected() {
        Attempt attempt = Attempt.failed(new IOException("wrapped", new ConnectException("refused")), 1);

        assertThat(attempt.retry()).isTrue();
    }

    @Test
    void retries_stop_after_the_last_attempt_and_the_loss_is_counted() {
        boolean delivered = policy.deliver("test", n -> {
            attempts.incrementAndGet();
            return Attempt.retryAfter(Duration.ZERO, "ratelimited");
        });

        assertThat(delivered).isFalse();
        assertThat(attempts).hasValue(3);
        assertThat(failures.count()).isEqualTo(1);
    }

    @Test
    void retry_after_is_taken_from_slack_or_else_backs_off_exponentially() {
        assertThat(DeliveryPolicy.retryAfter("7", 1)).isEqualTo(Duration.ofSeconds(7));
        assertThat(DeliveryPolicy.retryAfter(null, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(DeliveryPolicy.retryAfter("soon", 3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(DeliveryPolicy.backoff(40)).isEqualTo(Duration.ofSeconds(32));
    }
}
