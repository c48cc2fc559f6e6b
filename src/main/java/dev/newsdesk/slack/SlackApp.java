package dev.newsdesk.slack;

import dev.newsdesk.access.Access;
import dev.newsdesk.access.Overviews;
import dev.newsdesk.access.Scope;
import java.util.function.Function;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.newsdesk.answer.AnswerService;
import dev.newsdesk.config.Settings;
import dev.newsdesk.feedback.AnsweredQuestions;
import dev.newsdesk.feedback.FeedbackLog;
import dev.newsdesk.web.LimitedBody;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
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

    /** Slack's events, commands and clicks are a few KB; a body past this is refused unread. */
    static final long MAX_BODY_BYTES = 64 * 1024;
    private static final int NOTICES_QUEUED = 100;
    private static final Duration DRAIN = Duration.ofSeconds(30);
    /** Longer than Slack's retry schedule (about five minutes), so no retry outlives its memory. */
    private static final Duration DEDUPLICATE_FOR = Duration.ofMinutes(30);

    /** A route handler that gets the raw body it was verified against. */
    @FunctionalInterface
    private interface SignedHandler {
        void handle(Context ctx, byte[] body) throws Exception;
    }

    private final SlackSignature signature;
    /** Signatures already honoured: a captured request replayed within its 5 minutes does nothing again. */
    private final EventDeduplicator replays = new EventDeduplicator(SlackSignature.MAX_SKEW.multipliedBy(2), 100_000);
    private final WorkQueue queue;
    /** Busy replies go through a queue of their own: they are needed exactly when the main one is full. */
    private final WorkQueue notices;
    private final SlackPoster poster;
    private final SlackEventsHandler events;
    private final SlashCommandHandler commands;
    private final InteractionsHandler interactions;

    /**
     * {@code feedback} is the log 👍/👎 clicks go to, shared with the chat page's; {@code answered} remembers
     * the answers those clicks refer to.
     */
    public SlackApp(Settings.Slack settings, AnswerService answers, Access access,
                    Function<Scope, Overviews.Overview> overviews, MeterRegistry registry, FeedbackLog feedback,
                    AnsweredQuestions answered) {
        this(settings, answers, access, overviews, registry, feedback, answered, Clock.systemUTC());
    }

    /**
     * {@code access} says which collections each channel and direct messages answer from; {@code overviews}
     * what those are, for the greeting.
     */
    public SlackApp(Settings.Slack settings, AnswerService answers, Access access,
                    Function<Scope, Overviews.Overview> overviews, MeterRegistry registry, FeedbackLog feedback,
                    AnsweredQuestions answered, Clock clock) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("SLACK_SIGNING_SECRET is not set; the Slack app must not be created");
        }
        this.signature = new SlackSignature(settings.signingSecret(), clock);
        int workers = Math.max(1, settings.workers());
        this.queue = new WorkQueue(workers, workers * Math.max(0, settings.queuePerWorker()), DRAIN);
        this.notices = new WorkQueue(1, NOTICES_QUEUED, DRAIN);
        DeliveryPolicy policy = new DeliveryPolicy(4, Duration.ofSeconds(60),
                registry.counter("newsdesk.slack.delivery.failures"));
        this.poster = new SlackPoster(settings, policy);
        ResponseUrlClient responses = new ResponseUrlClient(policy);
        BlockKitRenderer renderer = new BlockKitRenderer();
        SlackAnswering answering = new SlackAnswering(answers, access, renderer, answered, registry);
        Counter dropped = registry.counter("newsdesk.slack.dropped");
        this.events = new SlackEventsHandler(new EventDeduplicator(DEDUPLICATE_FOR, 100_000), queue, notices,
                answering, poster, access, new Greetings(settings.greetedFile(), access, overviews), dropped);
        this.commands = new SlashCommandHandler(queue, answering, responses, settings.commandAnswersInChannel(),
                dropped);
        this.interactions = new InteractionsHandler(answered, feedback, registry,
                queue, responses, renderer, clock);
        // Learn the bot's id early, off the caller's thread, so health shows it and mentions strip at once.
        queue.offer("auth.test", poster::botUserId);
    }

    public void addRoutes(Javalin app) {
        // Slack retries events itself (deduplicated by event id); a repeated command or click is a replay.
        app.post("/slack/events", signed(events::handle, false));
        app.post("/slack/commands", signed(commands::handle, true));
        app.post("/slack/interactions", signed(interactions::handle, true));
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
        notices.close();
        poster.close();
    }

    /**
     * Reads at most {@link #MAX_BODY_BYTES} (chunked or not) before anything else, so an unsigned flood
     * costs no memory, then checks the signature; {@code once} also refuses a signature seen before.
     */
    private Handler signed(SignedHandler handler, boolean once) {
        return ctx -> {
            byte[] body;
            try {
                body = LimitedBody.read(ctx, MAX_BODY_BYTES, "Slack's requests are a few KB; this is not one.");
            } catch (HttpResponseException e) {
                refuse(ctx, e.getStatus(), e.getMessage());
                return;
            }
            String sent = ctx.header("X-Slack-Signature");
            if (!signature.isValid(ctx.header("X-Slack-Request-Timestamp"), sent, body)) {
                LOG.warn("rejected a request to {} with a missing, wrong or stale Slack signature", ctx.path());
                refuse(ctx, 401, "The request is not signed with this app's signing secret, or is older than 5 minutes;"
                        + " check SLACK_SIGNING_SECRET and the server's clock.");
                return;
            }
            if (once && !replays.firstDelivery(sent)) {
                LOG.warn("ignored a replay of a signed request to {}", ctx.path());
                return;
            }
            try {
                handler.handle(ctx, body);
            } catch (JsonProcessingException e) {
                refuse(ctx, 400, "The body is signed but is not the JSON Slack sends (" + e.getOriginalMessage() + ").");
            }
        };
    }

    private static void refuse(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }
}
