package dev.newsdesk.retrieve;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tells whether a question asks for the newest reports ("what is the latest on …", "… this week").
 * The cue phrases are language data, kept with their source in {@code recency-cues.txt}.
 */
public final class RecencyCues {

    private static final String FILE = "recency-cues.txt";

    private final Pattern cues;

    public RecencyCues() {
        this.cues = compile(load());
    }

    boolean asksForRecent(String question) {
        return cues.matcher(question.toLowerCase(Locale.ROOT)).find();
    }

    private static Pattern compile(List<String> phrases) {
        // Whole words only, any spacing between the words of a phrase: "now" must not match "known".
        return Pattern.compile(phrases.stream()
                .map(p -> Pattern.quote(p).replace(" ", "\\E\\s+\\Q"))
                .collect(Collectors.joining("|", "(?U)\\b(?:", ")\\b")));
    }

    private static List<String> load() {
        try (InputStream in = RecencyCues.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the classpath");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
