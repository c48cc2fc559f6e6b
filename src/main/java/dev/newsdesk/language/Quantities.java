package dev.newsdesk.language;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * How quantities are written in English prose, as regular-expression parts built from the language
 * data: numbers in figures and in words ({@code numbers.txt}), the words that qualify them ("more than",
 * "about"), units of measurement ({@code units.txt}) and currencies ({@code currencies.txt}). A unit or
 * scale written as a symbol or a one-letter abbreviation ("m", "bn", "$") counts only right after a figure.
 */
public final class Quantities {

    private static final String FIGURE = "\\d[\\d,.]*\\d|\\d";

    private Quantities() {
    }

    /** A number, in figures or words ("180", "1,500", "twelve", "dozens of"). */
    public static String number() {
        List<String> words = new ArrayList<>();
        for (String section : List.of("cardinal", "approximate")) {
            Lexicon.section("numbers.txt", section).forEach(line -> words.addAll(forms(line.split("\t")[0])));
        }
        return "(?<![\\p{L}\\p{N}])(?:" + FIGURE + "|" + alternation(words.stream().filter(Quantities::isWord).toList()) + ")";
    }

    /** Words qualifying a quantity, with the space after them ("more than "), or nothing. */
    public static String qualifier() {
        return "(?:(?:" + alternation(Lexicon.section("numbers.txt", "qualifier").stream().map(String::strip).toList())
                + ")\\s+)?";
    }

    /** A quantity of the units in {@code sections} of {@code units.txt} ("180 miles", "40-km"). */
    public static String measure(String... sections) {
        List<String> units = new ArrayList<>();
        for (String section : sections) {
            Lexicon.section("units.txt", section).forEach(line -> units.addAll(forms(line)));
        }
        return qualifier() + number() + "(?:\\s*-\\s*|\\s+)(?:" + alternation(units.stream().filter(Quantities::isWord).toList())
                + ")(?![\\p{L}])|" + qualifier() + "(?:" + FIGURE + ")(?:\\s?-\\s?|\\s)?(?:"
                + alternation(units.stream().filter(Predicate.not(Quantities::isWord)).toList()) + ")(?![\\p{L}])";
    }

    /** An amount of money or a share ("$3.74 billion", "€40m", "12 percent", "2 million dollars"). */
    public static String money() {
        List<String> symbols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String line : Lexicon.section("currencies.txt", "")) {
            String[] columns = line.split("\t", -1);
            names.addAll(forms(columns[1]));
            if (columns.length > 2) {
                // One-letter symbols ("R", "K") are too often something else to count on their own.
                forms(columns[2]).stream().filter(s -> s.length() > 1 || !Character.isLetter(s.charAt(0))).forEach(symbols::add);
            }
        }
        List<String> scales = new ArrayList<>();
        Lexicon.section("numbers.txt", "cardinal").forEach(line -> scales.addAll(forms(line.split("\t")[0])));
        String scale = "(?:\\s*(?:" + alternation(scales.stream().filter(s -> s.matches("[a-z]{2,}")
                && !s.matches("zero|nought|naught|nil|one|two|three|four|five|six|seven|eight|nine|ten")).toList())
                + "|bn|mn|m|k)(?![\\p{L}]))?";
        return qualifier() + "(?:(?:" + alternation(symbols) + ")\\s?(?:" + FIGURE + ")" + scale
                + "|" + number() + scale + "\\s*(?:percent|per cent|%|percentage points?|(?:" + alternation(names) + "))(?![\\p{L}]))";
    }

    private static List<String> forms(String column) {
        List<String> forms = new ArrayList<>();
        for (String form : column.split("\\|")) {
            if (!form.isBlank()) {
                forms.add(form.strip());
            }
        }
        return forms;
    }

    /** A written-out word (two letters or more), as opposed to a symbol or a one-letter abbreviation. */
    private static boolean isWord(String form) {
        return form.length() > 2 && form.chars().allMatch(c -> Character.isLetter(c) || c == ' ' || c == '-' || c == '\'');
    }

    private static String alternation(List<String> words) {
        return String.join("|", words.stream().distinct().sorted(Comparator.comparingInt(String::length).reversed())
                .map(w -> java.util.regex.Pattern.quote(w)).toList());
    }
}
