package dev.newsdesk.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.feedback.AnsweredQuestions.Asked;
import dev.newsdesk.feedback.FeedbackLog;
import dev.newsdesk.feedback.FeedbackLog.Vote;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /api/feedback}: a 👍/👎 on an answer in the chat page, appended to the same log as Slack's
 * votes with channel "web" and the browser's id as the user. The page sends the answer it shows, since
 * the server keeps no copy of its answers; the log keeps one vote per user per answer.
 */
final class FeedbackHandler {

    static final String CHANNEL = "web";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final int MAX_ANSWER_CHARS = 20_000;
    private static final int MAX_SOURCES = 50;
    private static final int MAX_FILE_CHARS = 255;
    private static final String EXAMPLE = "send a JSON object like {\"answer_id\": \"…\", \"vote\": \"up\" or \"down\","
            + " \"browser\": \"…\", \"question\": \"…\", \"answer\": \"…\", \"conversation\": \"…\", \"sources\": [\"file\"]}"
            + " (conversation and sources optional; ids are 8 to 64 letters, digits, _ or -)";

    private final FeedbackLog log;
    private final Metrics metrics;
    private final ObjectMapper json;
    private final int maxQuestionChars;
    private final Clock clock;

    FeedbackHandler(FeedbackLog log, Metrics metrics, ObjectMapper json, int maxQuestionChars, Clock clock) {
        this.log = log;
        this.metrics = metrics;
        this.json = json;
        this.maxQuestionChars = maxQuestionChars;
        this.clock = clock;
    }

    void vote(Context ctx) throws IOException {
        JsonBody body = JsonBody.read(ctx, json, EXAMPLE);
        String vote = body.text("vote", true);
        if (!"up".equals(vote) && !"down".equals(vote)) {
            throw new BadRequestResponse("\"vote\" must be \"up\" or \"down\"; " + EXAMPLE + ".");
        }
        Asked asked = new Asked(body.text("question", true, maxQuestionChars), body.text("answer", true, MAX_ANSWER_CHARS),
                body.text("conversation", false, 128), body.texts("sources", MAX_SOURCES, MAX_FILE_CHARS));
        // One vote per answer per browser: a repeat changes nothing and is not counted again.
        // Signed in, the vote is the person's: a browser id could be anyone's.
        Asker asker = Asker.of(ctx);
        String user = asker.person() != null ? asker.person().id() : id(body, "browser");
        boolean changed = log.record(new Vote(id(body, "answer_id"), vote, user, CHANNEL, asked, clock.instant()));
        if (changed) {
            metrics.feedback(CHANNEL, vote);
        }
        ctx.json(Map.of("recorded", vote));
    }

    private static String id(JsonBody body, String field) {
        String id = body.text(field, true);
        if (!ID.matcher(id).matches()) {
            throw new BadRequestResponse("\"" + field + "\" must be 8 to 64 letters, digits, _ or -; " + EXAMPLE + ".");
        }
        return id;
    }
}
