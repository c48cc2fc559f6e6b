package dev.newsdesk.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsdesk.slack.AnsweredQuestions.Asked;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The durable record of votes: one JSON object per line, appended and forced to disk before the vote is
 * acknowledged, so an acknowledged vote survives a crash. Lines are written whole under a lock, so
 * concurrent votes never interleave.
 */
public final class FeedbackLog {

    /** One click: {@code vote} is "up" or "down". */
    public record Vote(String feedbackId, String vote, String user, String channel, Asked asked, Instant at) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public FeedbackLog(Path file) {
        this.file = file;
    }

    public synchronized void append(Vote vote) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] line = (JSON.writeValueAsString(toJson(vote)) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
        }
    }

    private static ObjectNode toJson(Vote vote) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", vote.at().toString());
        line.put("feedback_id", vote.feedbackId());
        line.put("vote", vote.vote());
        line.put("user", vote.user());
        line.put("channel", vote.channel());
        line.put("question", vote.asked().question());
        line.put("answer", vote.asked().answer());
        line.put("conversation", vote.asked().conversation());
        line.putPOJO("sources", vote.asked().files());
        return line;
    }
}
