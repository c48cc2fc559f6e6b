package dev.newsdesk.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.AnswerListener;
import dev.newsdesk.answer.AnswerService;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.answer.Conversations;
import dev.newsdesk.answer.InvalidQuestionException;
import dev.newsdesk.index.StoreUnavailableException;
import dev.newsdesk.index.ArticleFilter;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
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

    private final ServedRef engine;
    private final Metrics metrics;
    private final ObjectMapper json;
    private final Admission admission;

    ChatHandler(ServedRef engine, Metrics metrics, ObjectMapper json, Admission admission) {
        this.engine = engine;
        this.metrics = metrics;
        this.json = json;
        this.admission = admission;
    }

    void ask(Context ctx) throws InterruptedException {
        JsonBody request = JsonBody.read(ctx, json, EXAMPLE);
        Asker asker = Asker.of(ctx);
        ArticleFilter filter = asker.scope().filter(Filters.of(request.field("filters")));
        AnswerService answers = engine.get().answers();
        try (Admission.Ticket ticket = admission.enter(ctx)) {
            ticket.awaitTurn();
            Answer answer = answers.ask(request.text("question", true),
                    Conversations.fromWeb(request.text("conversation", false)), asker.owner(), filter, AnswerListener.NONE);
            metrics.answered(answer);
            ctx.json(answer);
        }
    }

    /**
     * Opens the stream as Javalin's SseHandler does, but for any client that does not rule the stream
     * out (SseHandler wants exactly "Accept: text/event-stream", so curl's *&#47;* got nothing), and
     * only once the question has its place: a refusal is still a plain 503.
     */
    void stream(Context ctx) {
        if (!acceptsEventStream(ctx.header(Header.ACCEPT))) {
            throw new HttpResponseException(HttpStatus.NOT_ACCEPTABLE.getCode(),
                    "This is an event stream: open it with EventSource or send 'Accept: text/event-stream'.");
        }
        AnswerService answers = engine.get().answers();
        Asker asker = Asker.of(ctx);
        Admission.Ticket ticket = admission.enter(ctx);
        try {
            HttpServletResponse response = ctx.res();
            response.setStatus(HttpStatus.OK.getCode());
            response.setCharacterEncoding("UTF-8");
            response.setContentType(EVENT_STREAM);
            response.addHeader(Header.CACHE_CONTROL, "no-cache");
            response.addHeader("X-Accel-Buffering", "no");
            response.flushBuffer();
            ctx.async(() -> {
                try (ticket) {
                    ticket.awaitTurn();
                    stream(new SseClient(ctx), answers, asker);
                }
            });
        } catch (IOException | RuntimeException e) {
            ticket.close();
            throw new IllegalStateException("opening the event stream failed", e);
        }
    }

    /**
     * Whether {@code accept} lets the answer come as an event stream: no header, or the most specific
     * range that covers text/event-stream (itself, text/*, *&#47;*) has q above 0.
     */
    static boolean acceptsEventStream(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        int best = 0;
        double q = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            int specificity = type.equals(EVENT_STREAM) ? 3 : type.equals("text/*") ? 2 : type.equals("*/*") ? 1 : 0;
            if (specificity > best) {
                best = specificity;
                q = quality(parts);
            }
        }
        return q > 0;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** Runs on Javalin's async executor; the response is already 200, so failures become error events. */
    private void stream(SseClient client, AnswerService answers, Asker asker) {
        Context ctx = client.ctx();
        try {
            Answer answer = answers.ask(ctx.queryParam("question"), Conversations.fromWeb(ctx.queryParam("conversation")),
                    asker.owner(), asker.scope().filter(Filters.of(ctx::queryParam)), new AnswerListener() {
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
        } catch (StoreUnavailableException e) {
            LOG.warn("streaming an answer: {}", e.getMessage());
            client.sendEvent("error", Map.of("error", WebApp.STORE_UNAVAILABLE));
        } catch (RuntimeException e) {
            LOG.error("streaming an answer failed", e);
            client.sendEvent("error", Map.of("error", WebApp.SERVER_FAULT));
        } finally {
            client.close();
        }
    }
}
