package dev.newsdesk.language;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * Finds people's names in news prose without a trained model: runs of capitalised words, with the
 * titles and nationalities that precede names stripped ("NATO Secretary General Jens Stoltenberg"
 * gives "Jens Stoltenberg") and runs that end like an organisation, place or event left out. What
 * counts as a title, a nationality or an organisation comes from the language data files.
 */
public final class Names {

    /** Capitalised words on one line; a full stop only after an initial or Jr./Sr. ("Charles Q. Brown Jr."). */
    private static final String WORD = "(?:(?:\\p{Lu}\\.){2,}|\\p{Lu}\\.|[JS]r\\.|\\p{Lu}[\\p{L}’'\\-]*)";
    private static final Pattern CAPITALISED_RUN = Pattern.compile(WORD + "(?:[ \\t]+" + WORD + ")+");

    /** Words that open a run but are not part of a name: titles, nationalities, function words. */
    private static final Set<String> NOT_NAME_START = notNameStart();
    /** Last words that mark an organisation, a place or an event rather than a person. */
    private static final Set<String> NOT_PEOPLE = Set.copyOf(Lexicon.section("organisations.txt", ""));

    private Names() {
    }

    /** People named in {@code text}, in order of first mention, without repeats. */
    public static List<String> people(String text) {
        List<String> people = new ArrayList<>();
        Matcher m = CAPITALISED_RUN.matcher(text);
        while (m.find()) {
            List<String> words = new ArrayList<>(Arrays.asList(m.group().split("\\s+")));
            // Titles, nationalities and acronyms ("NATO", "U.N.") stand before names; possessives belong to the thing named.
            while (!words.isEmpty() && (NOT_NAME_START.contains(key(words.get(0))) || words.get(0).matches(".*[’']s")
                    || isAcronym(words.get(0)))) {
                words.remove(0);
            }
            while (!words.isEmpty() && words.get(words.size() - 1).matches(".*[’']s")) {
                words.remove(words.size() - 1);
            }
            if (words.size() < 2 || NOT_PEOPLE.contains(key(words.get(words.size() - 1)))
                    || words.stream().anyMatch(Names::isAcronym)) {
                continue;
            }
            String name = String.join(" ", words).replaceAll("[,.]$", "");
            if (!people.contains(name)) {
                people.add(name);
            }
        }
        return people;
    }

    /** "NATO", "U.S.": an organisation or a place, not part of a person's name (an initial "Q." is). */
    private static boolean isAcronym(String word) {
        return word.matches("(\\p{Lu}\\.){2,}")
                || word.length() > 2 && word.equals(word.toUpperCase(Locale.ROOT)) && !word.matches("\\p{Lu}\\.|[JS]r\\.");
    }

    private static String key(String word) {
        return word.toLowerCase(Locale.ROOT).replace('’', '\'');
    }

    private static Set<String> notNameStart() {
        Set<String> words = new HashSet<>();
        // Every word of a title: "Secretary of State", "Joint Chiefs" open runs of capitalised words.
        Lexicon.section("titles.txt", "").forEach(t -> words.addAll(Arrays.asList(key(t.strip()).split("\\s+"))));
        for (String file : List.of("countries.tsv", "us_states.tsv")) {
            for (String line : Lexicon.section(file, "")) {
                for (String name : line.split("[\t|]")) {
                    words.addAll(Arrays.asList(key(name.strip()).split("\\s+")));
                }
            }
        }
        Lexicon.sections("question_words.txt").values().forEach(ws -> ws.forEach(w -> words.add(key(w.strip()))));
        EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.forEach(w -> words.add(new String((char[]) w)));
        words.remove("");
        return Set.copyOf(words);
    }
}
