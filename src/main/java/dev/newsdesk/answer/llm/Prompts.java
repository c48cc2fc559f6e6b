package dev.newsdesk.answer.llm;

import dev.langchain4j.model.input.PromptTemplate;
import dev.newsdesk.config.NewsdeskException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The prompt templates, kept as files so they can be tuned without a rebuild. Read once at start:
 * a missing file or a missing variable fails then, with a message naming the file, rather than on
 * the first question.
 *
 * @param system   the rules (system message); must tell the model to reply {@link #NOT_IN_SOURCES}
 * @param answer   the user message, with {@code {{question}}} and {@code {{sources}}}
 * @param condense the follow-up rewriter, with {@code {{history}}} and {@code {{question}}}
 */
public record Prompts(String system, PromptTemplate answer, PromptTemplate condense) {

    /** What the model replies, and nothing else, when the sources do not answer; the code detects it. */
    public static final String NOT_IN_SOURCES = "NOT_IN_SOURCES";

    public static Prompts load(Path folder) {
        String system = read(folder, "system.txt", List.of(NOT_IN_SOURCES));
        String answer = read(folder, "answer.txt", List.of("{{question}}", "{{sources}}"));
        String condense = read(folder, "condense.txt", List.of("{{history}}", "{{question}}"));
        return new Prompts(system.strip(), PromptTemplate.from(answer, "answer"),
                PromptTemplate.from(condense, "condense"));
    }

    private static String read(Path folder, String name, List<String> required) {
        Path file = folder.resolve(name);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NewsdeskException("The prompt template " + name + " cannot be read from "
                    + folder.toAbsolutePath() + " (" + e.getClass().getSimpleName() + "); restore it there or point"
                    + " NEWSDESK_PROMPTS at the folder that holds system.txt, answer.txt and condense.txt.", e);
        }
        for (String needed : required) {
            if (!text.contains(needed)) {
                throw new NewsdeskException("The prompt template " + file.toAbsolutePath() + " must contain "
                        + needed + "; put it back (see the README section on prompts).");
            }
        }
        return text;
    }
}
