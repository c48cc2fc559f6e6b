package dev.newsdesk.answer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to one question, as every front end shows it. {@code answer} refers to citations as
 * {@code [n]}; {@code mode} says what wrote it ("extractive", "llm", "extractive-fallback");
 * {@code ms} is the time taken in process; {@code notice} explains a fallback or a conversation that could not be continued;
 * {@code reader} names the reader model that read the articles for it (none for an answer a chat model wrote).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Answer(String answer, boolean abstained, List<Citation> citations, String mode, double ms,
                     String conversation, String notice, String reader) {

    public static final String EXTRACTIVE = "extractive";
    public static final String LLM = "llm";
    public static final String EXTRACTIVE_FALLBACK = "extractive-fallback";

    public static Answer abstention(String message, String mode) {
        return new Answer(message, true, List.of(), mode, 0, null, null, null);
    }

    public Answer withCitations(String text, List<Citation> newCitations) {
        return new Answer(text, abstained, List.copyOf(newCitations), mode, ms, conversation, notice, reader);
    }

    public Answer completed(String conversationId, double millis) {
        return new Answer(answer, abstained, citations, mode, millis, conversationId, notice, reader);
    }

    /** This answer with {@code more} added to its notice. */
    public Answer withNotice(String more) {
        return new Answer(answer, abstained, citations, mode, ms, conversation, notice == null ? more : notice + " " + more,
                reader);
    }

    public Answer asFallback(String why) {
        return new Answer(answer, abstained, citations, EXTRACTIVE_FALLBACK, ms, conversation, why, reader);
    }
}
