package dev.newsdesk.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds people's names in news prose without a trained model: runs of capitalised words, with the
 * job titles and nationalities that precede names in news copy stripped ("NATO Secretary General Jens
 * Stoltenberg" gives "Jens Stoltenberg") and organisations and places left out.
 */
public final class Names {

    /** Capitalised words on one line; a full stop only after an initial or Jr./Sr. ("Charles Q. Brown Jr."). */
    private static final String WORD = "(?:\\p{Lu}\\.|[JS]r\\.|U\\.S\\.|\\p{Lu}[\\p{L}’'\\-]*)";
    private static final Pattern CAPITALISED_RUN = Pattern.compile(WORD + "(?:[ \\t]+" + WORD + ")+");

    /** Words that open a name run but are titles, not names. */
    private static final Set<String> TITLES = Set.of(
            "secretary", "general", "president", "minister", "prime", "foreign", "defense", "defence", "state",
            "nato", "u.s.", "us", "national", "security", "council", "chairman", "spokesman", "spokeswoman",
            "spokesperson", "chancellor", "affairs", "white", "house", "communications", "adviser", "advisor",
            "former", "sen.", "gen.", "rep.", "gov.", "mr.", "mrs.", "ms.", "dr.", "senator", "governor", "ambassador",
            "french", "russian", "american", "polish", "danish", "finnish", "british", "german", "ukrainian",
            "ukraine's", "russia's", "moldova's", "kraine's", "department", "states", "united",
            "the", "a", "an", "but", "and", "as", "in", "on", "at", "after", "asked", "following", "pictured",
            "with", "when", "if", "then", "so", "just", "earlier", "until", "despite", "however", "previously",
            "since", "while", "said", "reporter", "officer", "staff", "joint", "chiefs", "of", "military", "army",
            "army’s", "army's", "tactical", "missile", "system", "north", "atlantic", "treaty", "organization");

    /** Last words that mark an organisation, a publication or a place rather than a person. */
    private static final Set<String> NOT_PEOPLE = Set.of(
            "organization", "organisation", "council", "department", "assembly", "committee", "house", "post",
            "times", "journal", "news", "states", "union", "ministry", "parliament", "pentagon", "kremlin",
            "summit", "press", "images", "photo", "system", "agency", "office", "party", "government", "forces",
            "war", "two", "street", "korea", "africa", "america", "europe", "kingdom", "presidency", "mint");

    private Names() {
    }

    /** People named in {@code text}, in order of first mention, without repeats. */
    public static List<String> people(String text) {
        List<String> people = new ArrayList<>();
        Matcher m = CAPITALISED_RUN.matcher(text);
        while (m.find()) {
            List<String> words = new ArrayList<>(Arrays.asList(m.group().split("\\s+")));
            while (!words.isEmpty() && (TITLES.contains(words.get(0).toLowerCase())
                    || words.get(0).matches(".*[’']s|.*-.*"))) {
                words.remove(0);
            }
            while (!words.isEmpty() && words.get(words.size() - 1).matches(".*[’']s")) {
                words.remove(words.size() - 1);
            }
            if (words.size() < 2 || NOT_PEOPLE.contains(words.get(words.size() - 1).toLowerCase())
                    || words.stream().anyMatch(w -> w.length() > 2 && w.equals(w.toUpperCase()))) {
                continue;
            }
            String name = String.join(" ", words).replaceAll("[,.]$", "");
            if (!people.contains(name)) {
                people.add(name);
            }
        }
        return people;
    }
}
