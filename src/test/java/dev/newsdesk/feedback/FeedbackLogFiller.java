package dev.newsdesk.feedback;

import dev.newsdesk.feedback.AnsweredQuestions.Asked;
import dev.newsdesk.feedback.FeedbackLog.Vote;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Run in a child JVM by {@link FeedbackLogTest}: records {@code count} votes from different users into
 * the log at {@code args[0]}, printing "recorded" or "failed" for each, whatever the disk says.
 */
public final class FeedbackLogFiller {

    private FeedbackLogFiller() {
    }

    public static void main(String[] args) {
        FeedbackLog log = new FeedbackLog(Path.of(args[0]));
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            try {
                log.record(vote("U" + i, "up"));
                System.out.println("recorded");
            } catch (IOException e) {
                System.out.println("failed " + e.getMessage());
            }
        }
    }

    static Vote vote(String user, String vote) {
        Asked asked = new Asked("What is ATACMS?", "The Army Tactical Missile System " + "…".repeat(300) + " [1]",
                "conversation-1", List.of("001_8c75088e5995e160.txt"));
        return new Vote("feedback-1", vote, user, "C1", asked, Instant.parse("2024-06-01T12:00:00Z"));
    }
}
