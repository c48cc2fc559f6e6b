package dev.newsdesk.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.AnswerListener;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.answer.InvalidQuestionException;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asking questions: POST /api/chat answers in one JSON object; GET /api/chat/stream answers as
 * Server-Sent Events — {@code sources}, then {@code delta}s of text, then {@code done} with the
 * answer object, or {@code error}. The stream forwards whatever the answerer reports through its
 * {@link AnswerListener}, so a token-by-token answerer streams without changes here.
 */
final class ChatHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatHandler.class);
    private static final String EVENT_STREAM = "text/event-stream";
    private static final String EXAMPLE = "send a JSON object like {\"question\": \"…\", \"conversation\": \"…\","
            + " \"filters\": {\"source\", \"from\", \"to\"}} (conversation and filters optional)";

    private final EngineRef engine;
    private final Metrics metrics;
    private final ObjectMapper json;
    private final SseHandler events = new SseHandler(this::stream);

    ChatHandler(EngineRef engine, Metrics metrics, ObjectMapper json) {
        this.engine = engine;
        this.metrics = metrics;
        this.json = json;
    }

    void ask(Context ctx) {
        JsonBody request = JsonBody.read(ctx, json, EXAMPLE);
        Answer answer = engine.get().answers().ask(request.text("question", true), request.text("conversation", false),
                Filters.of(request.field("filters")), AnswerListener.NONE);
        metrics.answered(answer);
        ctx.json(answer);
    }

    void stream(Context ctx) throws Exception {
        // Javalin only opens a stream for exactly this Accept header (what EventSource sends) and
        // otherwise answers an empty 200, which would look like a silent success.
        if (!EVENT_STREAM.equals(ctx.header(Header.ACCEPT))) {
            throw new HttpResponseException(HttpStatus.NOT_ACCEPTABLE.getCode(),
                    "This is an event stream: open it with EventSource or send 'Accept: text/event-stream'.");
        }
        events.handle(ctx);
    }

    /** Runs on Javalin's async executor; the response is already 200, so failures become error events. */
    private void stream(SseClient client) {
        Context ctx = client.ctx();
        try {
            Answer answer = engine.get().answers().ask(ctx.queryParam("question"), ctx.queryParam("conversation"),
                    Filters.of(ctx::queryParam), new AnswerListener() {
                        @Override
                        public void onSources(List<Citation> sources) {
                            client.sendEvent("sources", sources);
                        }

                        @Override
                        public void onDelta(String text) {
                            client.sendEvent("delta", Map.of("text", text));
                        }
                    });
            metrics.answered(answer);
            client.sendEvent("done", answer);
        } catch (InvalidQuestionException | HttpResponseException e) {
            client.sendEvent("error", Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("streaming an answer failed", e);
            client.sendEvent("error", Map.of("error", WebApp.SERVER_FAULT));
        } finally {
            client.close();
        }
    }
}
