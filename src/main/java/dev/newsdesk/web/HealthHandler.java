package dev.newsdesk.web;

import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.Engine;
import dev.newsdesk.config.Settings;
import dev.newsdesk.ingest.live.LiveIngest;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** GET /health: 200 once the index is loaded and questions can be answered; 503 before, or while its store is unreachable. */
final class HealthHandler {

    private final EngineRef engine;
    private final String mode;
    private volatile Supplier<Object> slack;
    private volatile Supplier<LiveIngest.Status> ingest;

    HealthHandler(Settings settings, EngineRef engine) {
        this.engine = engine;
        this.mode = settings.llm().enabled() ? Answer.LLM : Answer.EXTRACTIVE;
        this.slack = () -> settings.slack().enabled() ? "starting" : "off";
    }

    /** What to report for Slack from now on ("off", or the Slack app's own health). */
    void slack(Supplier<Object> status) {
        this.slack = status;
    }

    /** Where the last-ingest time and the ingest error count come from, once serving watches the folder. */
    void ingest(Supplier<LiveIngest.Status> status) {
        this.ingest = status;
    }

    void health(Context ctx) {
        Optional<Engine> loaded = engine.current();
        // Asked on every check, not remembered: a cluster that comes back is healthy again at once.
        Optional<String> unavailable = loaded.flatMap(e -> e.index().unavailable());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", loaded.isEmpty() ? "loading" : unavailable.isPresent() ? "unavailable" : "ok");
        unavailable.ifPresent(reason -> body.put("reason", reason));
        loaded.filter(e -> unavailable.isEmpty()).ifPresent(e -> {
            body.put("articles", e.corpus().articles().size());
            body.put("chunks", e.index().chunkCount());
            body.put("llm", e.llm());
            body.put("reader", e.reader());
        });
        Supplier<LiveIngest.Status> live = ingest;
        if (live != null) {
            LiveIngest.Status status = live.get();
            body.put("last_ingest", status.lastIngest() == null ? null : status.lastIngest().toString());
            body.put("ingest_errors", status.errors());
        }
        body.put("mode", mode);
        body.put("slack", slack.get());
        ctx.status(loaded.isPresent() && unavailable.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
    }
}
