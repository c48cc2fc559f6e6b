package dev.newsdesk.slack;

import dev.newsdesk.access.Access;
import dev.newsdesk.access.Scope;
import dev.newsdesk.answer.AnswerListener;
import dev.newsdesk.index.ArticleFilter;
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
    private final Access access;
    private final BlockKitRenderer renderer;
    private final AnsweredQuestions answered;
    private final MeterRegistry registry;

    public SlackAnswering(AnswerService answers, Access access, BlockKitRenderer renderer, AnsweredQuestions answered,
                          MeterRegistry registry) {
        this.answers = answers;
        this.access = access;
        this.renderer = renderer;
        this.answered = answered;
        this.registry = registry;
    }

    /**
     * The message answering {@code question}, asked in {@code channel}, in {@code conversationId} (null for a
     * new conversation), from the collections the access file grants that channel (or direct messages);
     * {@code kind} is "mention", "channel", "dm" or "command", {@code asker} the optional heading.
     */
    public SlackMessage answer(String kind, String question, String channel, String conversationId,
                               BlockKitRenderer.Asker asker) {
        try {
            Answer answer = answers.ask(question, conversationId, null, scope(channel).filter(ArticleFilter.NONE),
                    AnswerListener.NONE);
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

    /** What the bot answers from in {@code channel}: direct messages' collections in a DM ("D…"), else the channel's. */
    Scope scope(String channel) {
        return channel != null && channel.startsWith("D") ? access.directMessages() : access.channel(channel).scope();
    }

    /** The reply to a question that could not be queued. */
    public SlackMessage busy() {
        return renderer.notice(BUSY);
    }

    private void count(String kind, String outcome) {
        registry.counter("newsdesk.slack.answers", "kind", kind, "outcome", outcome).increment();
    }
}
