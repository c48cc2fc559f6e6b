package dev.newsdesk.language;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names one place goes by in news copy: its name, abbreviations and informal names, adjectives and
 * peoples ("United States", "U.S.", "USA", "American", "Americans"), from {@code countries.tsv} and
 * {@code us_states.tsv}. A reader asks about "Poland's minister" where the story says "the Polish
 * minister", and about the "USA" where it says "the U.S.".
 */
public final class Aliases {

    private static final List<String> FILES = List.of("countries.tsv", "us_states.tsv");

    private final Map<String, List<String>> variants = new HashMap<>();

    public Aliases() {
        for (String file : FILES) {
            for (String line : Lexicon.section(file, "")) {
                List<String> names = new ArrayList<>();
                for (String column : line.split("\t")) {
                    for (String name : column.split("\\|")) {
                        if (!name.isBlank()) {
                            names.add(name.strip());
                        }
                    }
                }
                List<String> group = List.copyOf(names);
                // A name shared by two entries ("Georgia") keeps its first: both are rarely in one archive.
                group.forEach(name -> variants.putIfAbsent(key(name), group));
            }
        }
    }

    /** The names of the place {@code word} names, itself first; just {@code word} when it names none. */
    public List<String> variants(String word) {
        List<String> group = variants.get(key(word));
        if (group == null) {
            return List.of(word);
        }
        List<String> ordered = new ArrayList<>(List.of(word));
        group.stream().filter(n -> !n.equalsIgnoreCase(word)).forEach(ordered::add);
        return ordered;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
