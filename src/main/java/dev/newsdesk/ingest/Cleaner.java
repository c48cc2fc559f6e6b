package dev.newsdesk.ingest;

import dev.newsdesk.language.Lexicon;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which lines of an article are content worth indexing. The original text is never changed:
 * the result is a list of line spans into it. Every line is kept (the headline, the byline, photo
 * captions and credits are all searchable and citable) except three kinds, recognised by what they are
 * and never by a site's name: a line the article already printed (captions appear twice), a line
 * repeated across many articles of the corpus (a site's standing furniture), and a short line that
 * opens like a page widget ("Share this", "Sign up for …", from {@code furniture.txt}).
 */
public final class Cleaner {

    /** A kept line: {@code [start, end)} into the article text, without surrounding white space. */
    public record Line(int start, int end) {
    }

    /** A line in at least this many articles (and the furniture share of them) is standing page furniture. */
    private static final int MIN_REPEATS = 5;
    /** Widget labels are short; a line longer than this reads as reporting whatever its first words. */
    private static final int MAX_FURNITURE_WORDS = 15;

    private static final Pattern FURNITURE = furniture();

    private final Set<String> repeated;

    /** A cleaner that knows no corpus: it drops repeats within an article and widget lines. */
    public Cleaner() {
        this(Set.of());
    }

    private Cleaner(Set<String> repeated) {
        this.repeated = repeated;
    }

    /**
     * A cleaner that also drops the lines repeated across many of {@code corpus}'s articles: in at least
     * {@code furnitureShare} of them (NEWSDESK_FURNITURE_SHARE), and at least five.
     */
    public static Cleaner across(Collection<Article> corpus, double furnitureShare) {
        Map<String, Integer> counts = new HashMap<>();
        Cleaner plain = new Cleaner();
        for (Article article : corpus) {
            Set<String> lines = new HashSet<>();
            plain.lines(article.text(), article.bodyStart(), (s, e) -> lines.add(normalize(article.text().substring(s, e))));
            lines.forEach(l -> counts.merge(l, 1, Integer::sum));
        }
        int threshold = Math.max(MIN_REPEATS, (int) Math.ceil(furnitureShare * corpus.size()));
        Set<String> repeated = new HashSet<>();
        counts.forEach((line, n) -> {
            if (n >= threshold) {
                repeated.add(line);
            }
        });
        return new Cleaner(Set.copyOf(repeated));
    }

    public List<Line> contentLines(Article article) {
        String text = article.text();
        List<Line> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // Front matter is part of the file but not reporting: only the body's lines are content.
        lines(text, article.bodyStart(), (s, e) -> {
            String line = normalize(text.substring(s, e));
            if (seen.add(line) && !repeated.contains(line) && !isBoilerplate(text.substring(s, e))) {
                kept.add(new Line(s, e));
            }
        });
        return kept;
    }

    /** True for a line with no letters, or a short line that opens like a page widget. */
    public static boolean isBoilerplate(String line) {
        if (line.chars().noneMatch(Character::isLetter)) {
            return true;
        }
        return FURNITURE.matcher(line.strip()).lookingAt() && wordsAtMost(line, MAX_FURNITURE_WORDS);
    }

    /** True when {@code line} has at most {@code max} words; counts no further, however long the line. */
    private static boolean wordsAtMost(String line, int max) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            boolean space = Character.isWhitespace(line.charAt(i)) || Character.isSpaceChar(line.charAt(i));
            if (!space && !inWord && ++words > max) {
                return false;
            }
            inWord = !space;
        }
        return true;
    }

    private interface LineConsumer {
        void accept(int start, int end);
    }

    /** Calls {@code consumer} with each non-blank line's span from {@code from} on, trimmed of white space. */
    private void lines(String text, int from, LineConsumer consumer) {
        int lineStart = from;
        while (lineStart <= text.length()) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.length() : newline;
            int s = lineStart;
            int e = lineEnd;
            while (s < e && Character.isWhitespace(text.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
                e--;
            }
            if (s < e) {
                consumer.accept(s, e);
            }
            if (newline < 0) {
                break;
            }
            lineStart = newline + 1;
        }
    }

    /** Lines that differ only in case, spacing, bullets or quote style count as the same line. */
    static String normalize(String line) {
        return line.toLowerCase(Locale.ROOT)
                .replaceAll("[‘’'`]", "'")
                .replaceAll("[“”\"]", "\"")
                .replaceAll("^[•*\\-–\\s]+", "")
                .replaceAll("\\s+", " ")
                .strip();
    }

    private static Pattern furniture() {
        List<String> phrases = Lexicon.section("/dev/newsdesk/ingest/furniture.txt", "").stream()
                .map(String::strip).map(Pattern::quote).toList();
        // A phrase must end at a word boundary: "subscribe" is furniture, "Subscribers said" is not.
        return Pattern.compile("(?:" + String.join("|", phrases) + ")(?!\\p{L})", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
