package dev.newsdesk.language;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How dates are written in English prose: month names and their abbreviations with an optional day and
 * year, weekdays and relative expressions ("last week") from {@code calendar.txt}, and years, decades
 * and centuries written in figures ("1271", "the 1960s", "the 13th century").
 */
public final class Dates {

    private Dates() {
    }

    /** A pattern that finds a date expression (case-insensitive), longest form first. */
    public static Pattern pattern() {
        List<String> months = names("months");
        List<String> days = names("weekdays");
        List<String> relative = names("relative");
        String month = alternation(months);
        String expression = "(?:" + month + ")(?:\\s+\\d{1,2}(?:st|nd|rd|th)?)?(?:,?\\s+\\d{3,4})?"
                + "|\\d{1,2}\\s+(?:" + month + ")(?:\\s+\\d{3,4})?"
                + "|" + alternation(relative)
                + "|" + alternation(days)
                + "|\\d{1,2}(?:st|nd|rd|th)\\s+century"
                + "|(?:1\\d{3}|20\\d{2})s?";
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + expression + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static List<String> names(String section) {
        List<String> names = new ArrayList<>();
        for (String line : Lexicon.section("calendar.txt", section)) {
            for (String name : line.strip().split("\\|")) {
                // "may" alone is too often the verb; it counts as a month only with a day or a year.
                if (!name.isBlank() && !("months".equals(section) && "may".equals(name))) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static String alternation(List<String> words) {
        return String.join("|", words.stream().sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote).toList());
    }
}
