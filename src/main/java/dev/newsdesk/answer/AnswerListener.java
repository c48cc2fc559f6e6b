package dev.newsdesk.answer;

import java.util.List;

/**
 * Receives an answer while it is being made, for streaming front ends. {@code onSources} comes first
 * (the extractive answerer's citations, or the sources an LLM is given), then text in order through
 * {@code onDelta}; the finished {@link Answer} is what {@code AnswerService.ask} returns.
 */
public interface AnswerListener {

    AnswerListener NONE = new AnswerListener() {
    };

    default void onSources(List<Citation> sources) {
    }

    default void onDelta(String text) {
    }
}
