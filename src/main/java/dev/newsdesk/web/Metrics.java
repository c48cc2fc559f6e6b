package dev.newsdesk.web;

import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.Served;
import dev.newsdesk.ingest.SkippedArticles;
import dev.newsdesk.live.LiveIngest;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The meters of the web process, scraped at /metrics in Prometheus format: requests per route and
 * status, answers by mode (a stream's request time says little about how long answering took),
 * abstentions, and the size of the index. Other features add their own meters to {@link #registry()}.
 */
final class Metrics {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter abstentions;

    Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        abstentions = Counter.builder("newsdesk.answers.abstained")
                .description("Questions answered with 'not in the articles'")
                .register(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /**
     * Times a finished request (a Javalin request logger), tagged with its route rather than its path
     * so that /api/sources/<file> is one series however many files are asked for. This replaces
     * javalin-micrometer 6.7.0, whose Jetty handler Javalin detaches when it installs its own.
     */
    void request(Context ctx, Float ms) {
        Timer.builder("http.server.requests")
                .description("HTTP requests by route")
                .tag("method", ctx.method().name())
                .tag("uri", route(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(registry)
                .record(Duration.ofNanos((long) (ms * 1e6)));
    }

    /** The route template; requests that matched no route were either a static file or not found. */
    private static String route(Context ctx) {
        if (ctx.handlerType() != HandlerType.BEFORE) {
            return ctx.endpointHandlerPath();
        }
        return ctx.statusCode() < 400 ? "STATIC" : "UNMATCHED";
    }

    void indexLoaded(Served.Health health) {
        SkippedArticles skipped = health.skipped();
        Gauge.builder("newsdesk.index.chunks", health, Served.Health::chunks)
                .description("Chunks in the loaded index")
                .register(registry);
        Gauge.builder("newsdesk.articles.skipped", skipped, SkippedArticles::skippedCount)
                .description("Article files left out (too large, not UTF-8 text, binary, empty); /health says why")
                .register(registry);
        Gauge.builder("newsdesk.articles.cut", skipped, SkippedArticles::cutCount)
                .description("Articles with more sentences than an article may have, indexed in part")
                .register(registry);
        FunctionCounter.builder("newsdesk.store.round.trips", health, Served.Health::storeRoundTrips)
                .description("Requests sent to the store's cluster (0 for the Lucene store in this process)")
                .register(registry);
    }

    void ingest(LiveIngest live) {
        Gauge.builder("newsdesk.articles", live, l -> l.status().articles())
                .description("Articles in the corpus")
                .register(registry);
        Gauge.builder("newsdesk.ingest.last", live,
                        l -> l.status().lastIngest() == null ? 0 : l.status().lastIngest().toEpochMilli() / 1000.0)
                .description("When articles were last indexed while serving (seconds since the epoch; 0: not yet)")
                .baseUnit("seconds")
                .register(registry);
        FunctionCounter.builder("newsdesk.ingest.errors", live, l -> l.status().errors())
                .description("Batches of live ingestion that failed (the folder is kept; tried again with back-off)")
                .register(registry);
        Gauge.builder("newsdesk.ingest.failing", live, l -> l.status().failing())
                .description("Files whose batch failed, waiting to be tried again")
                .register(registry);
    }

    void answered(Answer answer) {
        // Fixed buckets rather than a percentile histogram: a few dozen series instead of hundreds.
        Timer.builder("newsdesk.answer")
                .description("Time to answer a question, in process")
                .tag("mode", answer.mode())
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10))
                .register(registry)
                .record(Duration.ofNanos((long) (answer.ms() * 1e6)));
        if (answer.abstained()) {
            abstentions.increment();
        }
    }

    /** A 👍/👎 on an answer; Slack counts its own votes as newsdesk_slack_feedback_total. */
    void feedback(String channel, String vote) {
        registry.counter("newsdesk.feedback", "channel", channel, "vote", vote).increment();
    }

    void scrape(Context ctx) {
        ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape());
    }
}
