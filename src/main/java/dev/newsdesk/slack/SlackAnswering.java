package dev.newsdesk.slack;

import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.AnswerService;
import dev.newsdesk.answer.InvalidQuestionException;
import dev.newsdesk.feedback.AnsweredQuestions;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the core and turns whatever comes back into a message to post: the rendered answer (remembered
 * for its feedback buttons), the one-line reason a question was refused, or an apology. Counts each
 * outcome as {@code newsdesk_slack_answers_total{kind, outcome}}.
 */
public final class SlackAnswering {

    private static final Logger LOG = LoggerFactory.getLogger(SlackAnswering.class);

    static final String BUSY = "I'm answering a lot of questions right now; please ask again in a minute.";

    private final AnswerService answers;
    private final BlockKitRenderer renderer;
    private final AnsweredQuestions answered;
    private final MeterRegistry registry;

    public SlackAnswering(AnswerService answers, BlockKitRenderer renderer, AnsweredQuestions answered,
                          MeterRegistry registry) {
        this.answers = answers;
        this.renderer = renderer;
        this.answered = answered;
        this.registry = registry;
    }

    /**
     * The message answering {@code question} in {@code conversationId} (null for a new conversation);
     * {@code kind} is "mention", "dm" or "command", {@code asker} the optional heading.
     */
    public SlackMessage answer(String kind, String question, String conversationId, BlockKitRenderer.Asker asker) {
        try {
            Answer answer = answers.ask(question, conversationId);
            count(kind, answer.abstained() ? "abstained" : "answered");
            return renderer.render(answer, answered.remember(question, answer), asker);
        } catch (InvalidQuestionException e) {
            count(kind, "invalid");
            return renderer.notice(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("answering a Slack {} failed", kind, e);
            count(kind, "failed");
            return renderer.notice("Sorry, something went wrong while answering; please ask again in a moment.");
        }
    }

    /** The reply to a question that could not be queued. */
    public SlackMessage busy() {
        return renderer.notice(BUSY);
    }

    private void count(String kind, String outcome) {
        registry.counter("newsdesk.slack.answers", "kind", kind, "outcome", outcome).increment();
    }
}
