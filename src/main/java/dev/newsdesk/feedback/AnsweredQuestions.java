package dev.newsdesk.feedback;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.Citation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The recent answers, by the short id their 👍/👎 buttons carry, so that a vote can be logged with the
 * question and answer it is about. Bounded in count and age: a vote on an answer older than that is
 * still logged, with the answer text Slack sends back and without the question.
 */
public final class AnsweredQuestions {

    /** What a vote is about. */
    public record Asked(String question, String answer, String conversation, List<String> files) {
    }

    private final Cache<String, Asked> recent;

    public AnsweredQuestions(long maxAnswers, Duration keep) {
        this.recent = Caffeine.newBuilder().maximumSize(maxAnswers).expireAfterWrite(keep).build();
    }

    /** Remembers {@code answer} to {@code question} and returns the id for its buttons. */
    public String remember(String question, Answer answer) {
        // 16 hex digits of a random UUID: unguessable enough for a vote, short enough for a button value.
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        List<String> files = answer.citations().stream().map(Citation::file).distinct().toList();
        recent.put(id, new Asked(question, answer.answer(), answer.conversation(), files));
        return id;
    }

    public Optional<Asked> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(recent.getIfPresent(id));
    }
}
