package dev.newsdesk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.AnswerService;
import dev.newsdesk.answer.Pipeline;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ask", mixinStandardHelpOptions = true,
        description = {"Answers a question from the articles, with numbered sources quoted verbatim.",
                "With --jsonl, reads lines {\"id\", \"question\", \"conversation\"?} from standard input and writes one"
                        + " answer object per line; lines sharing a conversation are asked in order as one conversation."})
final class AskCommand implements Callable<Integer> {

    private final Parts parts;

    AskCommand(Parts parts) {
        this.parts = parts;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    CommonOptions options;

    @Parameters(arity = "0..*", paramLabel = "QUESTION", description = "The question (quotes optional).")
    List<String> words;

    @Option(names = "--json", description = "Print the answer object as JSON.")
    boolean json;

    @Option(names = "--jsonl", description = "Answer JSON lines from standard input (see above).")
    boolean jsonl;

    @Option(names = "--conversation", paramLabel = "ID", description = "Continue this conversation (follow-ups).")
    String conversation;

    @Override
    public Integer call() throws IOException {
        if (!jsonl && (words == null || words.isEmpty())) {
            throw new NewsdeskException("No question given; try: newsdesk ask \"Who said what about …?\"");
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Settings settings = options.settings();
        try (Pipeline engine = parts.start(settings, System.err::println, new ProgressBar(System.err))) {
            if (jsonl) {
                engine.warmUp();
                return answerLines(engine.answers(), out);
            }
            Answer answer = engine.answers().ask(String.join(" ", words), conversation);
            out.println(json ? JSON.writeValueAsString(answer) : TerminalAnswer.forStdout(settings.terminal()).render(answer));
            return 0;
        }
    }

    private int answerLines(AnswerService answers, PrintStream out) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int failures = 0;
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            ObjectNode result = JSON.createObjectNode();
            try {
                JsonNode request = JSON.readTree(line);
                result.set("id", request.get("id"));
                Answer answer = answers.ask(text(request, "question"), text(request, "conversation"));
                result.setAll((ObjectNode) JSON.valueToTree(answer));
            } catch (JsonProcessingException e) {
                failures++;
                result.put("error", "line " + lineNumber + " is not JSON: " + e.getOriginalMessage());
            } catch (NewsdeskException e) {
                failures++;
                result.put("error", e.getMessage());
            }
            out.println(JSON.writeValueAsString(result));
        }
        return failures == 0 ? 0 : 2;
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
