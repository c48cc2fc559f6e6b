package dev.newsdesk.slack;

import dev.newsdesk.access.Access;
import java.util.function.Predicate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.answer.Conversations;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}: answers @mentions in channels (every question in a channel the access file
 * says so of) and direct messages, each in the thread it was asked in, from the collections the channel
 * may read; greets a channel once when the bot is added to it. Acknowledges at once and answers on the {@link WorkQueue}; each event is taken on once,
 * however often Slack delivers it. A thread is one conversation, so follow-ups there are understood.
 */
public final class SlackEventsHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SlackEventsHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ANY_LEADING_MENTION = Pattern.compile("^\\s*<@[A-Z0-9]+(\\|[^>]*)?>");
    /** Slack writes links as {@code <url|label>} or {@code <url>}; the asker meant the label or the url. */
    private static final Pattern LINK = Pattern.compile("<((?:https?|mailto):[^|>]+)(?:\\|([^>]*))?>");

    /** A question worth answering: where to answer it and in which conversation. */
    record Question(String kind, String channel, String threadTs, String text) {
        String conversationId() {
            return Conversations.SLACK + channel + "-" + threadTs;
        }
    }

    private final EventDeduplicator deduplicator;
    /** Events whose asker was already told the bot is busy: Slack's retries of them are not told again. */
    private final EventDeduplicator toldBusy = new EventDeduplicator(Duration.ofMinutes(30), 10_000);
    private final WorkQueue queue;
    private final WorkQueue notices;
    private final SlackAnswering answering;
    private final SlackPoster poster;
    private final Access access;
    private final Greetings greetings;
    private final Counter dropped;

    SlackEventsHandler(EventDeduplicator deduplicator, WorkQueue queue, WorkQueue notices, SlackAnswering answering,
                       SlackPoster poster, Access access, Greetings greetings, Counter dropped) {
        this.deduplicator = deduplicator;
        this.queue = queue;
        this.notices = notices;
        this.answering = answering;
        this.poster = poster;
        this.access = access;
        this.greetings = greetings;
        this.dropped = dropped;
    }

    public void handle(Context ctx, byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        String type = root.path("type").asText();
        if ("url_verification".equals(type)) {
            ctx.contentType("text/plain").result(root.path("challenge").asText());
        } else if ("event_callback".equals(type)) {
            JsonNode event = root.path("event");
            if (joinedByBot(event)) {
                greet(event.path("channel").asText());
            } else {
                question(event, channel -> !access.channel(channel).mentionOnly(), poster.knownBotUserId())
                        .ifPresent(q -> take(root.path("event_id").asText(null), q));
            }
        }
        // Everything else (app_rate_limited, ...) needs nothing but the empty 200.
    }

    /** The bot itself was added to a channel ({@code member_joined_channel} with its own user id). */
    private boolean joinedByBot(JsonNode event) {
        return "member_joined_channel".equals(event.path("type").asText())
                && poster.botUserId().filter(id -> id.equals(event.path("user").asText())).isPresent();
    }

    /** Posts the channel's greeting, once ever per channel, off Slack's request thread. */
    private void greet(String channel) {
        if (!queue.offer("greeting " + channel, () -> {
            if (!greetings.claim(channel)) {
                return;
            }
            boolean posted = false;
            try {
                posted = poster.postInThread(channel, null, greetings.greeting(channel));
            } finally {
                if (posted) {
                    greetings.greeted(channel);
                } else {
                    greetings.failed(channel);
                }
            }
        })) {
            LOG.warn("Slack work queue full; the greeting in {} is left out", channel);
        }
    }

    /**
     * The question in {@code event}, or empty for what the bot must not answer. In a channel it answers
     * mentions, and every top-level message where {@code answersAll} says so (the access file's
     * {@code mention_only: false}); a message there that mentions it ({@code botUserId}; while that is not
     * known yet, any mention) is answered as the mention.
     */
    static Optional<Question> question(JsonNode event, Predicate<String> answersAll, Optional<String> botUserId) {
        // Bots (this one too) and edits, joins and the like are not questions.
        if (event.hasNonNull("bot_id") || event.hasNonNull("subtype")) {
            return Optional.empty();
        }
        String kind;
        String channel = event.path("channel").asText();
        String type = event.path("type").asText();
        String channelType = event.path("channel_type").asText();
        boolean topLevel = !event.hasNonNull("thread_ts") || event.path("thread_ts").asText().equals(event.path("ts").asText());
        if ("app_mention".equals(type)) {
            if (channel.startsWith("D")) {
                return Optional.empty(); // a mention in a direct message: its message.im twin is answered
            }
            kind = "mention";
        } else if ("message".equals(type) && "im".equals(channelType)) {
            kind = "dm";
        } else if ("message".equals(type) && ("channel".equals(channelType) || "group".equals(channelType))
                && topLevel && !event.path("text").asText("").contains("<@" + botUserId.orElse(""))
                && answersAll.test(channel)) {
            kind = "channel";
        } else {
            // Includes the channel "message" twin of an app_mention, which is answered as the mention.
            return Optional.empty();
        }
        String ts = event.path("ts").asText();
        String threadTs = event.hasNonNull("thread_ts") ? event.path("thread_ts").asText() : ts;
        return Optional.of(new Question(kind, channel, threadTs, event.path("text").asText("")));
    }

    private void take(String eventId, Question question) {
        if (eventId != null && !deduplicator.firstDelivery(eventId)) {
            LOG.debug("event {} already taken on; ignoring Slack's retry", eventId);
            return;
        }
        if (queue.offer("answering event " + eventId, () -> answer(question))) {
            return;
        }
        // Not taken on after all: Slack's next retry of this event must be answered, not ignored.
        if (eventId != null) {
            deduplicator.forget(eventId);
        }
        dropped.increment();
        LOG.warn("Slack work queue full; {} in {} left to Slack's retry, asker told", question.kind(), question.channel());
        if ((eventId == null || toldBusy.firstDelivery(eventId)) && !notices.offer("telling the asker to wait",
                () -> poster.postInThread(question.channel(), question.threadTs(), answering.busy()))) {
            LOG.warn("Slack notice queue full too; the asker in {} is not told", question.channel());
        }
    }

    private void answer(Question question) {
        String text = plain(question.text(), poster.botUserId());
        SlackMessage message = answering.answer(question.kind(), text, question.channel(), question.conversationId(), null);
        poster.postInThread(question.channel(), question.threadTs(), message);
    }

    /** The question as typed: without the bot's mention, links as their labels, entities decoded. */
    static String plain(String text, Optional<String> botUserId) {
        String stripped = botUserId
                .map(id -> text.replaceAll("<@" + Pattern.quote(id) + "(\\|[^>]*)?>", " "))
                .orElseGet(() -> ANY_LEADING_MENTION.matcher(text).replaceFirst(" "));
        String unlinked = LINK.matcher(stripped).replaceAll(m -> Matcher.quoteReplacement(
                m.group(2) != null && !m.group(2).isBlank() ? m.group(2) : m.group(1)));
        return unlinked.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replaceAll(" {2,}", " ").strip();
    }
}
