package dev.newsdesk.answer.llm;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;

/**
 * Counts answers that fell back from the model, by reason (timeout, rate_limited, server_error,
 * unreachable, rejected, malformed, uncited; condense_* when only the follow-up rewrite failed).
 * Exported by a Prometheus registry as {@code newsdesk_llm_fallbacks_total{reason="…"}}.
 */
public final class FallbackCounter implements Consumer<String> {

    private final MeterRegistry registry;

    public FallbackCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accept(String reason) {
        registry.counter("newsdesk.llm.fallbacks", "reason", reason).increment();
    }
}
