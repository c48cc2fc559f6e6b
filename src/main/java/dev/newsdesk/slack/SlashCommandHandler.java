package dev.newsdesk.slack;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/commands}: {@code /ask <question>}. The acknowledgement (which Slack needs within
 * three seconds) says the answer is coming; the answer follows through the command's response_url,
 * in the channel or only to the asker as configured. Each command is a conversation of its own.
 */
public final class SlashCommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SlashCommandHandler.class);

    static final String USAGE = "Ask me about the news articles, e.g. `/ask what did Blinken say about Ukraine?`"
            + " — or mention me in a channel, or send me a direct message; I answer with quoted sources.";
    static final String LOOKING = "Looking it up…";

    private final WorkQueue queue;
    private final SlackAnswering answering;
    private final ResponseUrlClient responses;
    private final boolean inChannel;
    private final Counter dropped;

    public SlashCommandHandler(WorkQueue queue, SlackAnswering answering, ResponseUrlClient responses,
                               boolean inChannel, Counter dropped) {
        this.queue = queue;
        this.answering = answering;
        this.responses = responses;
        this.inChannel = inChannel;
        this.dropped = dropped;
    }

    public void handle(Context ctx, byte[] body) {
        Map<String, String> form = FormBody.parse(body);
        String question = form.getOrDefault("text", "").strip();
        String responseUrl = form.get("response_url");
        if (question.isEmpty() || responseUrl == null) {
            ctx.json(ephemeral(USAGE));
            return;
        }
        BlockKitRenderer.Asker asker = new BlockKitRenderer.Asker(form.get("user_id"), question);
        boolean queued = queue.offer("answering " + form.get("command"), () -> responses.post(responseUrl,
                answering.answer("command", question, form.get("channel_id"), null, asker), inChannel));
        if (!queued) {
            dropped.increment();
            LOG.warn("Slack work queue full; refused a command in {}", form.get("channel_id"));
        }
        ctx.json(ephemeral(queued ? LOOKING : SlackAnswering.BUSY));
    }

    private static Map<String, String> ephemeral(String text) {
        return Map.of("response_type", "ephemeral", "text", text);
    }
}
