package dev.newsdesk.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Countries and the words that name them ("Poland", "Polish", "Poles"): news copy says "Polish
 * Defense Minister" where a reader asks about "Poland's defense minister", so a question word the
 * articles never use may still be covered by one of its variants.
 */
public final class Demonyms {

    private final Map<String, List<String>> variants = new HashMap<>();

    public Demonyms() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Demonyms.class.getResourceAsStream("demonyms.txt"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> words = List.of(line.strip().split("\t"));
                words.forEach(w -> variants.put(w.toLowerCase(Locale.ROOT), words));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The words naming the same country as {@code word} (itself included); just {@code word} when none. */
    public List<String> variants(String word) {
        return variants.getOrDefault(word.toLowerCase(Locale.ROOT), List.of(word));
    }
}
