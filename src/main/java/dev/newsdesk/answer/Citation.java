package dev.newsdesk.answer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A numbered source of an answer. {@code quote} is exactly the cited file's text from {@code start} to
 * {@code end}, counted in Unicode code points of the file as read from disk (UTF-8) — the way Python
 * slices strings and JavaScript's {@code Array.from(text)} indexes them.
 *
 * <p>{@code answerStart}/{@code answerEnd}, when set, mark the short answer inside the quote (code
 * points from the start of the file, within {@code [start, end)}). {@code source} (the outlet),
 * {@code url} and {@code published} (ISO-8601) come from the article's metadata when it has them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Citation(int n, String file, String title, String quote, int start, int end,
                       @JsonProperty("answer_start") Integer answerStart,
                       @JsonProperty("answer_end") Integer answerEnd,
                       String source, String url, String published) {

    /** A citation of a whole quote, with no short answer marked and no article metadata. */
    public Citation(int n, String file, String title, String quote, int start, int end) {
        this(n, file, title, quote, start, end, null, null, null, null, null);
    }

    Citation renumbered(int newN) {
        return new Citation(newN, file, title, quote, start, end, answerStart, answerEnd, source, url, published);
    }

    /** The same citation with the short answer marked at code points {@code [from, to)} of the file. */
    public Citation withAnswerSpan(int from, int to) {
        return new Citation(n, file, title, quote, start, end, from, to, source, url, published);
    }
}
