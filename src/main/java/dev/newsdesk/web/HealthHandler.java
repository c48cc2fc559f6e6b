package dev.newsdesk.web;

import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.Served;
import dev.newsdesk.config.Settings;
import dev.newsdesk.live.LiveIngest;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * GET /health: 200 once the index is loaded and questions can be answered; 503 before, or while its store
 * is unreachable. "degraded" (still 200: questions are answered) while live ingestion has batches
 * waiting to be tried again; articles left out or cut short are listed with why, unless sign-in is on.
 */
final class HealthHandler {

    private final ServedRef engine;
    /** The skipped articles listed in full; past this many, only counted. */
    private static final int LISTED = 20;

    private final String mode;
    /** With sign-in on /health is open to all but says nothing of the articles: counts and names could tell of a collection. */
    private final boolean detailed;
    private volatile Supplier<Object> slack;
    private volatile Supplier<LiveIngest.Status> ingest;

    HealthHandler(Settings settings, ServedRef engine) {
        this.engine = engine;
        this.mode = settings.llm().enabled() ? Answer.LLM : Answer.EXTRACTIVE;
        this.detailed = !settings.signIn().enabled();
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
        Optional<Served.Health> loaded = engine.current().map(Served::health);
        // Asked on every check, not remembered: a cluster that comes back is healthy again at once.
        Optional<String> unavailable = loaded.flatMap(Served.Health::unavailable);
        Supplier<LiveIngest.Status> live = ingest;
        LiveIngest.Status status = live == null ? null : live.get();
        boolean degraded = status != null && status.failing() > 0;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", loaded.isEmpty() ? "loading" : unavailable.isPresent() ? "unavailable" : degraded ? "degraded" : "ok");
        unavailable.ifPresent(reason -> body.put("reason", reason));
        if (unavailable.isEmpty() && degraded && detailed) {
            body.put("reason", status.failing() + " file(s) could not be indexed (" + status.lastError()
                    + "); trying again");
        }
        loaded.filter(e -> unavailable.isEmpty() && detailed).ifPresent(e -> {
            body.put("articles", e.articles());
            body.put("chunks", e.chunks());
            body.put("llm", e.llm());
            body.put("reader", e.reader());
            body.put("articles_skipped", e.skipped().skippedCount());
            body.put("articles_cut", e.skipped().cutCount());
            List<Map<String, Object>> listed = e.skipped().entries().stream().limit(LISTED)
                    .map(s -> Map.<String, Object>of("file", s.file(), "reason", s.reason(), "cut", s.cut())).toList();
            if (!listed.isEmpty()) {
                body.put("skipped", listed);
            }
        });
        if (status != null) {
            if (detailed) {
                body.put("last_ingest", status.lastIngest() == null ? null : status.lastIngest().toString());
                body.put("ingest_errors", status.errors());
                body.put("ingest_failing", status.failing());
            }
            body.put("role", status.writes() ? "writer" : "replica");
        }
        body.put("mode", mode);
        body.put("slack", slack.get());
        ctx.status(loaded.isPresent() && unavailable.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
    }
}
