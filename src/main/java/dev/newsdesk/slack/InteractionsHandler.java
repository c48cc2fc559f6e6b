package dev.newsdesk.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.feedback.AnsweredQuestions.Asked;
import dev.newsdesk.feedback.AnsweredQuestions;
import dev.newsdesk.feedback.FeedbackLog.Vote;
import dev.newsdesk.feedback.FeedbackLog;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/interactions}: a 👍/👎 click on an answer. The vote is on disk before Slack gets its
 * acknowledgement (a failed write answers 500, so Slack tells the user it did not work), is counted as
 * {@code newsdesk_slack_feedback_total{vote}}, and is thanked for privately through the response_url.
 */
public final class InteractionsHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InteractionsHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String THANKS = "Thanks for the feedback!";

    private final AnsweredQuestions answered;
    private final FeedbackLog log;
    private final MeterRegistry registry;
    private final WorkQueue queue;
    private final ResponseUrlClient responses;
    private final BlockKitRenderer renderer;
    private final Clock clock;

    public InteractionsHandler(AnsweredQuestions answered, FeedbackLog log, MeterRegistry registry, WorkQueue queue,
                               ResponseUrlClient responses, BlockKitRenderer renderer, Clock clock) {
        this.answered = answered;
        this.log = log;
        this.registry = registry;
        this.queue = queue;
        this.responses = responses;
        this.renderer = renderer;
        this.clock = clock;
    }

    public void handle(Context ctx, byte[] body) throws IOException {
        String payload = FormBody.parse(body).get("payload");
        if (payload == null) {
            ctx.status(400).json(Map.of("error", "The body has no 'payload' field; Slack sends clicks as payload=<JSON>."));
            return;
        }
        JsonNode root = JSON.readTree(payload);
        if ("block_actions".equals(root.path("type").asText())) {
            for (JsonNode action : root.path("actions")) {
                String vote = vote(action.path("action_id").asText());
                if (vote != null) {
                    record(root, vote, action.path("value").asText(null));
                }
            }
        }
        ctx.status(200);
    }

    private void record(JsonNode root, String vote, String feedbackId) throws IOException {
        // Beyond the memory of recent answers the message Slack sends back still holds the answer's text.
        Asked asked = answered.find(feedbackId).orElseGet(() ->
                new Asked(null, root.path("message").path("text").asText(null), null, List.of()));
        boolean changed = log.record(new Vote(feedbackId, vote, root.path("user").path("id").asText(null),
                root.path("channel").path("id").asText(null), asked, clock.instant()));
        if (changed) {
            registry.counter("newsdesk.slack.feedback", "vote", vote).increment();
        }
        String responseUrl = root.path("response_url").asText(null);
        if (responseUrl != null && !queue.offer("thanking for feedback",
                () -> responses.post(responseUrl, renderer.notice(THANKS), false))) {
            LOG.warn("Slack work queue full; vote {} recorded without a thank-you", feedbackId);
        }
    }

    private static String vote(String actionId) {
        return switch (actionId) {
            case BlockKitRenderer.VOTE_UP -> "up";
            case BlockKitRenderer.VOTE_DOWN -> "down";
            default -> null;
        };
    }
}
