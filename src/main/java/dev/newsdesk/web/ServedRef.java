package dev.newsdesk.web;

import dev.newsdesk.answer.Served;
import io.javalin.http.ServiceUnavailableResponse;
import java.util.Optional;

/**
 * What the web app serves, absent while the index is still loading. The server starts before
 * it so that /health can say "not yet" instead of refusing connections; every handler that
 * needs it goes through {@link #get()} and so answers 503 until it is there.
 */
final class ServedRef {

    private volatile Served engine;

    void set(Served loaded) {
        engine = loaded;
    }

    Optional<Served> current() {
        return Optional.ofNullable(engine);
    }

    Served get() {
        Served loaded = engine;
        if (loaded == null) {
            throw new ServiceUnavailableResponse("The index is still loading; try again in a few seconds.");
        }
        return loaded;
    }
}
