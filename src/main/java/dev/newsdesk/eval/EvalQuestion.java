package dev.newsdesk.eval;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One line of an evaluation file, in the format of the shared grader: {@code any} holds patterns a
 * right answer matches ({@code all_min} of them), {@code sources} the files that support it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvalQuestion(String id, String question, String conversation, List<String> any,
                           @JsonProperty("all_min") Integer allMin, List<String> sources, boolean unanswerable) {

    /** True when {@code text} matches enough of the expected patterns (case-insensitive). */
    public boolean matches(String text) {
        if (any == null || text == null) {
            return false;
        }
        long hits = any.stream().filter(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE).matcher(text).find()).count();
        return hits >= (allMin == null ? 1 : allMin);
    }
}
