package dev.newsdesk.feedback;

import static dev.newsdesk.feedback.FeedbackLogFiller.vote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void keeps_one_line_per_user_and_answer_a_changed_vote_replacing_it_and_a_repeat_writing_nothing() throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        FeedbackLog log = new FeedbackLog(file);

        assertThat(log.record(vote("UA", "up"))).isTrue();
        assertThat(log.record(vote("UB", "up"))).isTrue();
        assertThat(log.record(vote("UA", "up"))).isFalse();
        assertThat(log.record(vote("UA", "down"))).isTrue();
        assertThat(new FeedbackLog(file).record(vote("UA", "down"))).as("a new log reads what is on disk").isFalse();

        List<JsonNode> lines = lines(file);
        assertThat(lines).extracting(l -> l.path("user").asText() + ":" + l.path("vote").asText())
                .containsExactly("UA:down", "UB:up");
        assertThat(dir.resolve("feedback.jsonl.tmp")).doesNotExist();
    }

    @Test
    void a_line_torn_by_a_crash_is_cut_off_when_the_log_is_opened_and_the_next_vote_has_its_own_line() throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        new FeedbackLog(file).record(vote("UA", "up"));
        Files.writeString(file, "{\"time\":\"2024-06-01T12:00:00Z\",\"feedback_id\":\"feedb", StandardOpenOption.APPEND);

        new FeedbackLog(file).record(vote("UB", "down"));

        assertThat(lines(file)).extracting(l -> l.path("user").asText()).containsExactly("UA", "UB");
    }

    @Test
    void a_full_disk_leaves_only_whole_lines_and_later_votes_start_on_a_line_of_their_own() throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        // The child's files may not grow past 8 KB: writes then fail part-way, as on a full disk.
        List<String> results = fillUnderSizeLimit(file, 8, 12);

        assertThat(results).contains("recorded").anySatisfy(r -> assertThat(r).startsWith("failed"));
        assertThat(lines(file)).hasSize((int) results.stream().filter("recorded"::equals).count());
        new FeedbackLog(file).record(vote("U-after", "up"));
        assertThat(lines(file).get(lines(file).size() - 1).path("user").asText()).isEqualTo("U-after");
    }

    /** Every line of {@code file}, each of which must be a whole JSON object. */
    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as("ends with a whole line").endsWith("\n");
        for (String line : text.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static List<String> fillUnderSizeLimit(Path file, int kilobytes, int votes) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("bash", "-c", "ulimit -f " + kilobytes + " && exec \"$@\"", "bash",
                java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), FeedbackLogFiller.class.getName(),
                file.toString(), String.valueOf(votes)).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.startsWith("recorded") || l.startsWith("failed")).toList();
    }
}
