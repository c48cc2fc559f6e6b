package dev.newsdesk.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which lines of an article are content worth indexing. The original text is never changed:
 * the result is a list of line spans into it. Lines are dropped when they repeat an earlier line (sites
 * print photo captions twice) or when they look like page furniture rather than reporting; the same
 * furniture test is applied to single sentences by {@link Chunker}. The rules
 * describe kinds of boilerplate, not particular sites, so they carry over to new articles.
 */
public final class Cleaner {

    /** A kept line: {@code [start, end)} into the article text, without surrounding white space. */
    public record Line(int start, int end) {
    }

    /** Unicode-aware, because pages put non-breaking spaces in the very lines these match. */
    private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS;

    private static final List<Pattern> BOILERPLATE = List.of(
            // copyright and reuse notices
            Pattern.compile("^(©|\\(c\\)\\s|copyright\\b)|all rights reserved|unauthori[sz]ed use", FLAGS),
            // "Follow Jane Doe on Facebook and Twitter.", "You can follow her on X": social-media plugs
            Pattern.compile("^((you can|please) )?(follow|like|join)\\b.{0,80}\\bon\\s+(facebook|twitter|x|instagram|linkedin|threads|telegram)\\b", FLAGS),
            // comment-section furniture
            Pattern.compile("leave a (reply|comment)|be the first to comment|comments? (are|is) closed"
                    + "|issues with commenting|akismet|comment data is processed", FLAGS),
            // app and newsletter promotion
            Pattern.compile("download (the|our)\\b.{0,40}\\bapp\\b|subscribe to (our|the)\\b.{0,40}\\bnewsletter"
                    + "|sign up for (our|the)\\b.{0,40}\\bnewsletter", FLAGS));

    /** A short line that only credits a photo ("JIM WATSON/AFP via Getty Images"). */
    private static final Pattern PHOTO_CREDIT = Pattern.compile(
            "getty images|\\bafp\\b|reuters|ap photo|shutterstock|\\bphoto by\\b|/pool\\b");

    public List<Line> contentLines(Article article) {
        String text = article.text();
        List<Line> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(normalize(article.title()));
        // Front matter is not reporting; and when it declared the title, the body's first line is body.
        int lineStart = article.bodyStart();
        boolean first = article.meta().title() == null;
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
                String line = text.substring(s, e);
                // The title line is indexed as the title; the body starts after it.
                if (!first && seen.add(normalize(line)) && !isBoilerplate(line)
                        && !(kept.isEmpty() && isHeadline(line))) {
                    kept.add(new Line(s, e));
                }
                first = false;
            }
            if (newline < 0) {
                break;
            }
            lineStart = newline + 1;
        }
        return kept;
    }

    public static boolean isBoilerplate(String line) {
        String lower = line.toLowerCase();
        if (lower.chars().noneMatch(Character::isLetter)) {
            return true;
        }
        for (Pattern p : BOILERPLATE) {
            if (p.matcher(lower).find()) {
                return true;
            }
        }
        boolean sentenceLike = lower.matches(".*[.!?\"”’']$");
        if (!sentenceLike && line.split("(?U)\\s+").length < 4) {
            return true; // a label such as a lone name under a photo
        }
        return !sentenceLike && line.length() <= 100 && PHOTO_CREDIT.matcher(lower).find();
    }

    /**
     * A Title Case line without a full stop before the body starts: the headline again, as sites
     * print it above the story ("Blinken Signals U.S. May Allow Ukraine to Strike …").
     */
    static boolean isHeadline(String line) {
        String[] words = line.split("(?U)\\s+");
        long capitalised = Arrays.stream(words).filter(w -> Character.isUpperCase(w.codePointAt(0))).count();
        return words.length >= 4 && !line.matches(".*[.!?\"”’']$") && capitalised >= 0.7 * words.length;
    }

    /** Lines that differ only in case, spacing, bullets or quote style count as the same line. */
    static String normalize(String line) {
        return line.toLowerCase()
                .replaceAll("[‘’'`]", "'")
                .replaceAll("[“”\"]", "\"")
                .replaceAll("^[•*\\-–\\s]+", "")
                .replaceAll("\\s+", " ")
                .strip();
    }
}
