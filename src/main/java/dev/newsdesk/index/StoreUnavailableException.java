package dev.newsdesk.index;

import dev.newsdesk.config.NewsdeskException;

/**
 * The chunk store cannot be reached just now (a cluster down or too slow): the question may succeed
 * when asked again, so the web layer answers 503 rather than 500.
 */
public final class StoreUnavailableException extends NewsdeskException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
