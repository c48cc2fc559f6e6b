package dev.newsdesk.web;

import dev.newsdesk.answer.Answer;
import dev.newsdesk.index.ChunkIndex;
import io.javalin.http.Context;
import io.javalin.micrometer.MicrometerPlugin;
import io.micrometer.core.instrument.Counter;
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
 * The meters of the web process, scraped at /metrics in Prometheus format. Requests per route are
 * timed by Javalin's Micrometer plugin; answers are timed here, by mode, because the request time
 * of a stream says little about how long answering took. Other features add their own meters to
 * {@link #registry()}.
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

    /** The Javalin plugin that times every request, tagged with the route (not the raw path). */
    MicrometerPlugin plugin() {
        return new MicrometerPlugin(config -> config.registry = registry);
    }

    void indexLoaded(ChunkIndex index) {
        Gauge.builder("newsdesk.index.chunks", index, ChunkIndex::chunkCount)
                .description("Chunks in the loaded index")
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

    void scrape(Context ctx) {
        ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape());
    }
}
