package dev.newsdesk.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the language data files beside this class: UTF-8 text, {@code #} comments (each file states
 * its source there), optional {@code [section]} headers, one entry a line. Language knowledge lives
 * in these files rather than in code, so that it can be checked against its source and completed.
 */
public final class Lexicon {

    private Lexicon() {
    }

    /** The entry lines of {@code file}, by section ("" for lines before any header), in file order. */
    public static Map<String, List<String>> sections(String file) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        String section = "";
        try (InputStream in = Lexicon.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("language data file " + file + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                if (entry.startsWith("[") && entry.endsWith("]")) {
                    section = entry.substring(1, entry.length() - 1);
                    continue;
                }
                sections.computeIfAbsent(section, k -> new ArrayList<>()).add(line.stripTrailing());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sections;
    }

    /** The entries of one section of {@code file}; empty when the section is absent. */
    public static List<String> section(String file, String section) {
        return sections(file).getOrDefault(section, List.of());
    }
}
