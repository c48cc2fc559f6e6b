package dev.newsdesk.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Remembers the event ids already taken on, so Slack's retries (up to three, over about five minutes,
 * possibly arriving while the first delivery is still being handled) cause exactly one answer.
 */
public final class EventDeduplicator {

    private final Cache<String, Boolean> seen;

    public EventDeduplicator(Duration remember, long maxEvents) {
        this.seen = Caffeine.newBuilder().expireAfterWrite(remember).maximumSize(maxEvents).build();
    }

    /** True only for the first delivery of {@code eventId}; atomic, so concurrent twins see one true. */
    public boolean firstDelivery(String eventId) {
        return seen.asMap().putIfAbsent(eventId, Boolean.TRUE) == null;
    }

    /** Forgets {@code eventId}, so that its next delivery is taken on: for an event that could not be. */
    public void forget(String eventId) {
        seen.invalidate(eventId);
    }
}
