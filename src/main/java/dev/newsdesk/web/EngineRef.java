package dev.newsdesk.web;

import dev.newsdesk.answer.Engine;
import io.javalin.http.ServiceUnavailableResponse;
import java.util.Optional;

/**
 * The engine the web app serves, absent while the index is still loading. The server starts before
 * the engine so that /health can say "not yet" instead of refusing connections; every handler that
 * needs the engine goes through {@link #get()} and so answers 503 until it is there.
 */
final class EngineRef {

    private volatile Engine engine;

    void set(Engine loaded) {
        engine = loaded;
    }

    Optional<Engine> current() {
        return Optional.ofNullable(engine);
    }

    Engine get() {
        Engine loaded = engine;
        if (loaded == null) {
            throw new ServiceUnavailableResponse("The index is still loading; try again in a few seconds.");
        }
        return loaded;
    }
}
