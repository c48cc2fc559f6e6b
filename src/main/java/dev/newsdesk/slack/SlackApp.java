package dev.newsdesk.slack;

import dev.newsdesk.answer.AnswerService;
import dev.newsdesk.config.Settings;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack front end: {@code /slack/events} (mentions, DMs), {@code /slack/commands} ({@code /ask}) and
 * {@code /slack/interactions} (feedback buttons), every request verified as Slack's. Create it only when
 * {@link Settings.Slack#enabled()}; register the routes on the web app with {@link #addRoutes} and
 * report {@link #health()}; {@link #close()} lets queued answers finish.
 */
public final class SlackApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackApp.class);

    private static final int QUEUE_PER_WORKER = 25;
    private static final Duration DRAIN = Duration.ofSeconds(30);
    /** Longer than Slack's retry schedule (about five minutes), so no retry outlives its memory. */
    private static final Duration DEDUPLICATE_FOR = Duration.ofMinutes(30);

    /** A route handler that gets the raw body it was verified against. */
    @FunctionalInterface
    private interface SignedHandler {
        void handle(Context ctx, byte[] body) throws Exception;
    }

    private final SlackSignature signature;
    private final WorkQueue queue;
    private final SlackPoster poster;
    private final SlackEventsHandler events;
    private final SlashCommandHandler commands;
    private final InteractionsHandler interactions;

    public SlackApp(Settings.Slack settings, AnswerService answers, MeterRegistry registry) {
        this(settings, answers, registry, Clock.systemUTC());
    }

    public SlackApp(Settings.Slack settings, AnswerService answers, MeterRegistry registry, Clock clock) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("SLACK_SIGNING_SECRET is not set; the Slack app must not be created");
        }
        this.signature = new SlackSignature(settings.signingSecret(), clock);
        int workers = Math.max(1, settings.workers());
        this.queue = new WorkQueue(workers, workers * QUEUE_PER_WORKER, DRAIN);
        DeliveryPolicy policy = new DeliveryPolicy(4, Duration.ofSeconds(60),
                registry.counter("newsdesk.slack.delivery.failures"));
        this.poster = new SlackPoster(settings, policy);
        ResponseUrlClient responses = new ResponseUrlClient(policy);
        BlockKitRenderer renderer = new BlockKitRenderer();
        AnsweredQuestions answered = new AnsweredQuestions(10_000, Duration.ofDays(7));
        SlackAnswering answering = new SlackAnswering(answers, renderer, answered, registry);
        Counter dropped = registry.counter("newsdesk.slack.dropped");
        this.events = new SlackEventsHandler(new EventDeduplicator(DEDUPLICATE_FOR, 100_000), queue, answering,
                poster, dropped);
        this.commands = new SlashCommandHandler(queue, answering, responses, settings.commandAnswersInChannel(),
                dropped);
        this.interactions = new InteractionsHandler(answered, new FeedbackLog(settings.feedbackFile()), registry,
                queue, responses, renderer, clock);
        // Learn the bot's id early, off the caller's thread, so health shows it and mentions strip at once.
        queue.offer("auth.test", poster::botUserId);
    }

    public void addRoutes(Javalin app) {
        app.post("/slack/events", signed(events::handle));
        app.post("/slack/commands", signed(commands::handle));
        app.post("/slack/interactions", signed(interactions::handle));
    }

    /** For the web app's /health under "slack": status on, the bot's user id once known, the queue's load. */
    public Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "on");
        health.put("bot", poster.knownBotUserId().orElse("unknown"));
        health.put("queued", queue.queued());
        health.put("busy", queue.active());
        return health;
    }

    @Override
    public void close() {
        queue.close();
        poster.close();
    }

    private Handler signed(SignedHandler handler) {
        return ctx -> {
            byte[] body = ctx.bodyAsBytes();
            if (!signature.isValid(ctx.header("X-Slack-Request-Timestamp"), ctx.header("X-Slack-Signature"), body)) {
                LOG.warn("rejected a request to {} with a missing, wrong or stale Slack signature", ctx.path());
                ctx.status(401).result("invalid Slack signature");
                return;
            }
            handler.handle(ctx, body);
        };
    }
}
