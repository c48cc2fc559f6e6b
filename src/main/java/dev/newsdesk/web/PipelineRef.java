package dev.newsdesk.web;

import dev.newsdesk.answer.Pipeline;
import io.javalin.http.ServiceUnavailableResponse;
import java.util.Optional;

/**
 * The pipeline the web app serves, absent while the index is still loading. The server starts before
 * the pipeline so that /health can say "not yet" instead of refusing connections; every handler that
 * needs the pipeline goes through {@link #get()} and so answers 503 until it is there.
 */
final class PipelineRef {

    private volatile Pipeline engine;

    void set(Pipeline loaded) {
        engine = loaded;
    }

    Optional<Pipeline> current() {
        return Optional.ofNullable(engine);
    }

    Pipeline get() {
        Pipeline loaded = engine;
        if (loaded == null) {
            throw new ServiceUnavailableResponse("The index is still loading; try again in a few seconds.");
        }
        return loaded;
    }
}
