package dev.newsdesk.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsdesk.feedback.AnsweredQuestions.Asked;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record of votes, one JSON object per line, and one line per user's vote on an answer
 * (keyed by {@code feedback_id} and {@code user}). A first vote is appended; a changed vote replaces its
 * line by rewriting the file to a temporary one and renaming it over (atomic); the same vote again (a
 * repeated click, a retry, a replay) writes nothing. Every write is forced to disk before it returns, so
 * an acknowledged vote survives a crash, and is whole or absent: an append that fails part-way (a full
 * disk) is cut back to where it started. A line left torn by a crash is cut off when the log is opened.
 * For every front end that collects votes; thread-safe.
 */
public final class FeedbackLog {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackLog.class);

    /** One click: {@code vote} is "up" or "down"; {@code channel} may be null outside Slack. */
    public record Vote(String feedbackId, String vote, String user, String channel, Asked asked, Instant at) {
    }

    private record Key(String feedbackId, String user) {
        static Key of(JsonNode line) {
            return new Key(line.path("feedback_id").asText(null), line.path("user").asText(null));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    /** Each user's current vote on each answer, as on disk; read from the file on first use. */
    private Map<Key, String> votes;

    public FeedbackLog(Path file) {
        this.file = file;
    }

    /** Records {@code vote}; true when the log changed, false when it already said exactly this. */
    public synchronized boolean record(Vote vote) throws IOException {
        Map<Key, String> current = votes();
        Key key = new Key(vote.feedbackId(), vote.user());
        String before = current.get(key);
        if (vote.vote().equals(before)) {
            return false;
        }
        String line = JSON.writeValueAsString(toJson(vote));
        if (before == null) {
            append(line);
        } else {
            replace(key, line);
        }
        current.put(key, vote.vote());
        return true;
    }

    private Map<Key, String> votes() throws IOException {
        if (votes == null) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            cutTornLine();
            votes = new HashMap<>();
            if (Files.exists(file)) {
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    in.lines().forEach(line -> {
                        JsonNode vote = parse(line);
                        if (vote != null) {
                            votes.put(Key.of(vote), vote.path("vote").asText());
                        }
                    });
                }
            }
        }
        return votes;
    }

    private void append(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            long start = out.size();
            try {
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(false);
            } catch (IOException e) {
                out.truncate(start);
                throw e;
            }
        }
    }

    /** Rewrites the log with {@code key}'s line replaced; the old file stays until the new one is complete. */
    private void replace(Key key, String line) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            for (String old = in.readLine(); old != null; old = in.readLine()) {
                JsonNode vote = parse(old);
                out.write(vote != null && Key.of(vote).equals(key) ? line : old);
                out.write('\n');
            }
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        try (FileChannel written = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            written.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A crash in the middle of an append leaves a line without its newline: cut it off, and say so. */
    private void cutTornLine() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel log = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = log.size();
            long keep = end;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0 && log.read(one.clear(), keep - 1) == 1 && one.get(0) != '\n') {
                keep--;
            }
            if (keep < end) {
                LOG.warn("{} ended with a partial line ({} bytes) from an interrupted write; removed it", file, end - keep);
                log.truncate(keep);
                log.force(false);
            }
        }
    }

    private JsonNode parse(String line) {
        try {
            JsonNode vote = JSON.readTree(line);
            return vote != null && vote.isObject() ? vote : null;
        } catch (IOException e) {
            LOG.warn("{} has a line that is not JSON; it is kept but ignored", file);
            return null;
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
