package dev.newsdesk.answer.llm;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.input.PromptTemplate;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.injector.ContentInjector;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Puts the retrieved chunks into the user message as numbered, delimited sources:
 * {@code <source n="1" file="…" title="…">…</source>}, in retrieval order, through the answer template.
 * The delimiters are what lets the system prompt call the sources data: text that imitates a
 * delimiter (an article or question containing "</source>" or "<question>") is defused first, so it
 * cannot close its block and pose as instructions.
 */
public final class NumberedSourcesInjector implements ContentInjector {

    private static final Pattern TAG = Pattern.compile("<(/?)\\s*(source|question)\\b", Pattern.CASE_INSENSITIVE);

    private final PromptTemplate template;

    public NumberedSourcesInjector(PromptTemplate template) {
        this.template = template;
    }

    @Override
    public ChatMessage inject(List<Content> contents, ChatMessage chatMessage) {
        String question = ((UserMessage) chatMessage).singleText();
        StringBuilder sources = new StringBuilder();
        for (int i = 0; i < contents.size(); i++) {
            Metadata metadata = contents.get(i).textSegment().metadata();
            sources.append("<source n=\"").append(i + 1)
                    .append("\" file=\"").append(attribute(metadata.getString("file")))
                    .append("\" title=\"").append(attribute(metadata.getString("title"))).append("\">\n")
                    .append(defuse(contents.get(i).textSegment().text())).append("\n</source>\n");
        }
        String text = template.apply(Map.of("question", defuse(question), "sources", sources.toString().strip())).text();
        return UserMessage.from(text);
    }

    /** Delimiter look-alikes lose their angle bracket: "</source>" becomes "‹/source>". */
    static String defuse(String text) {
        return TAG.matcher(text).replaceAll("‹$1$2");
    }

    private static String attribute(String value) {
        return defuse(value == null ? "" : value).replace("\"", "'").replace('\n', ' ');
    }
}
