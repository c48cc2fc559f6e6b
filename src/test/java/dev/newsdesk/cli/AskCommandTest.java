package dev.newsdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.FictionalCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: a real child process over the real seeds. */
class AskCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path index;

    @BeforeAll
    static void buildIndex() throws Exception {
        CliProcess indexed = CliProcess.run(index, "", "index");
        assertThat(indexed.exitCode()).as(indexed.err()).isZero();
        assertThat(indexed.out()).contains("5 added");
    }

    @Test
    void ask_prints_the_answer_with_numbered_sources() throws Exception {
        CliProcess run = CliProcess.run(index, "", "ask", "What", "does", "ATACMS", "stand", "for?");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Tactical Missile System").contains("[1]").contains("Sources:")
                .contains("001_8c75088e5995e160.txt");
    }

    @Test
    void ask_wraps_the_answer_to_the_terminal_width_and_prints_no_colour_into_a_pipe() throws Exception {
        CliProcess run = CliProcess.run(Map.of("COLUMNS", "50"), index, "ask", "What did Putin warn about?");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSizeGreaterThan(5)
                .allSatisfy(line -> assertThat(line.codePointCount(0, line.length())).as(line).isLessThanOrEqualTo(50));
        assertThat(run.out()).doesNotContain("\u001b[");
    }

    @Test
    void ask_at_a_terminal_is_in_colour_unless_no_color_is_set() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no util-linux script to make a terminal");

        CliProcess coloured = CliProcess.runInTerminal(Map.of(), index, "ask", "What did Putin warn about?");
        CliProcess plain = CliProcess.runInTerminal(Map.of("NO_COLOR", "1"), index, "ask", "What did Putin warn about?");

        assertThat(coloured.out()).as(coloured.out()).contains("\u001b[36m[1]\u001b[0m", "\u001b[1mSources:");
        assertThat(plain.out()).as(plain.out()).contains("[1]", "Sources:").doesNotContain("\u001b[");
    }

    @Test
    void ask_json_prints_the_answer_object() throws Exception {
        CliProcess run = CliProcess.run(index, "", "ask", "--json", "How far can the longer-range version of ATACMS travel?");

        JsonNode answer = JSON.readTree(run.out());
        assertThat(answer.get("answer").asText()).contains("180 miles");
        assertThat(answer.get("abstained").asBoolean()).isFalse();
        assertThat(answer.get("mode").asText()).isEqualTo("extractive");
        assertThat(answer.get("reader").asText()).startsWith("newsdesk-reader-minilm-l6-int8@");
        assertThat(answer.get("ms").asDouble()).isPositive();
        assertThat(answer.get("conversation").asText()).isNotBlank();
        JsonNode citation = answer.get("citations").get(0);
        String text = Files.readString(Path.of("seeds", citation.get("file").asText()));
        int[] cps = text.codePoints().toArray();
        int start = citation.get("start").asInt();
        assertThat(new String(cps, start, citation.get("end").asInt() - start)).isEqualTo(citation.get("quote").asText());
    }

    @Test
    void continues_a_conversation_in_a_new_process(@TempDir Path fictionalIndex) throws Exception {
        String corpus = FictionalCorpus.write().toString();
        CliProcess first = CliProcess.run(fictionalIndex, "", "ask", "--json", "--corpus", corpus,
                "Who is the head of logistics at the postal service?");
        String conversation = JSON.readTree(first.out()).get("conversation").asText();

        CliProcess second = CliProcess.run(fictionalIndex, "", "ask", "--json", "--corpus", corpus,
                "--conversation", conversation, "Where did he work before?");

        JsonNode answer = JSON.readTree(second.out());
        assertThat(answer.get("conversation").asText()).isEqualTo(conversation);
        assertThat(answer.has("notice")).as(second.out()).isFalse();
        assertThat(answer.get("answer").asText()).contains("Hamburg");
    }

    @Test
    void says_when_a_conversation_cannot_be_continued() throws Exception {
        CliProcess run = CliProcess.run(index, "", "ask", "--conversation", "gone-" + System.nanoTime(),
                "And where did she say that?");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Note: That conversation has expired or is unknown here");
    }

    @Test
    void ask_jsonl_answers_every_line_in_order_keeps_conversations_and_reports_bad_lines() throws Exception {
        String input = String.join("\n",
                "{\"id\": \"q1\", \"question\": \"Who is the Secretary General of NATO?\", \"conversation\": \"c\"}",
                "{not json",
                "{\"id\": \"q2\", \"question\": \"What did he say about lifting the restrictions?\", \"conversation\": \"c\"}",
                "{\"id\": \"q3\", \"question\": \"   \"}", "");

        CliProcess run = CliProcess.run(index, input, "ask", "--jsonl");

        List<JsonNode> lines = run.out().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).get("id").asText()).isEqualTo("q1");
        assertThat(lines.get(0).get("answer").asText()).contains("Stoltenberg");
        assertThat(lines.get(1).get("error").asText()).contains("line 2 is not JSON");
        assertThat(lines.get(2).get("answer").asText()).contains("Stoltenberg", "time has come");
        assertThat(lines.get(3).get("error").asText()).contains("empty");
        assertThat(run.exitCode()).isEqualTo(2);
    }

    @Test
    void a_damaged_reader_model_stops_the_command_with_one_line_naming_the_file(@TempDir Path folder) throws Exception {
        Path damaged = folder.resolve("reader.onnx");
        Files.write(damaged, new byte[] {8, 7, 0, 1, 2, 3});

        CliProcess run = CliProcess.run(Map.of("NEWSDESK_READER_MODEL", damaged.toString()), index, "ask", "Anything?");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1).first().asString()
                .contains("newsdesk: The reader model " + damaged, "NEWSDESK_READER=off");
    }

    @Test
    void with_the_reader_off_answers_name_no_reader() throws Exception {
        CliProcess run = CliProcess.run(Map.of("NEWSDESK_READER", "off"), index, "ask", "--json",
                "How far can the longer-range version of ATACMS travel?");

        JsonNode answer = JSON.readTree(run.out());
        assertThat(answer.get("answer").asText()).contains("180 miles");
        assertThat(answer.has("reader")).isFalse();
    }

    @Test
    void bad_input_gets_one_line_and_a_non_zero_exit_without_a_stack_trace() throws Exception {
        CliProcess empty = CliProcess.run(index, "", "ask", " ");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("newsdesk: The question is empty").doesNotContain("Exception", "\tat ");

        CliProcess huge = CliProcess.run(index, "", "ask", "x".repeat(100_000));
        assertThat(huge.exitCode()).isEqualTo(2);
        assertThat(huge.err()).contains("limit is 2000").doesNotContain("\tat ");

        CliProcess noCorpus = CliProcess.run(index, "", "ask", "--corpus", "no/such/folder", "Anything?");
        assertThat(noCorpus.exitCode()).isEqualTo(2);
        assertThat(noCorpus.err()).contains("does not exist").doesNotContain("\tat ");
    }
}
