package dev.newsdesk.read;

import dev.newsdesk.ingest.Sentence;
import dev.newsdesk.ingest.SentenceSplitter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * The three ways {@link TrainingData} makes an example the passage cannot answer out of one that it can:
 * a topical near miss from the same article, the paragraph without the answer's sentence, and the
 * question with one of its names or numbers swapped for one the paragraph does not mention.
 */
final class Unanswerable {

    /** A paragraph as the makers need it: its article, text, tokens and (lower-case, no stop words) words. */
    record Paragraph(int article, String context, ReaderTokenizer.Tokens tokens, Set<String> words) {
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");
    private static final Pattern NAME = Pattern.compile("\\p{Lu}[\\p{L}’'-]+");
    private static final Pattern NUMBER = Pattern.compile("\\p{N}+");

    private final SentenceSplitter splitter;

    Unanswerable(SentenceSplitter splitter) {
        this.splitter = splitter;
    }

    /** The paragraph of the same article sharing most of the question's words, not holding the answer; -1 if none. */
    static int nearMiss(String question, int own, String answer, List<Integer> article, List<Paragraph> paragraphs) {
        Set<String> asked = words(question);
        int best = -1;
        int bestShared = 0;
        for (int i : article) {
            Paragraph p = paragraphs.get(i);
            if (i == own || p.context().toLowerCase(Locale.ROOT).contains(answer)) {
                continue;
            }
            int shared = (int) asked.stream().filter(p.words()::contains).count();
            if (shared > bestShared) {
                best = i;
                bestShared = shared;
            }
        }
        return best;
    }

    /**
     * The tokens (first, last inclusive) of the sentence holding the answer, when the paragraph has other
     * sentences and does not state the answer again in them; null otherwise.
     */
    int[] answerSentence(Paragraph p, int answerStart, int answerEnd, String answer) {
        List<Sentence> sentences = splitter.split("", p.context(), 0, p.context().length());
        if (sentences.size() < 2) {
            return null;
        }
        for (Sentence s : sentences) {
            if (s.start() <= answerStart && answerStart < s.end()) {
                if (answerEnd > s.end()) {
                    return null; // the splitter cut the answer's sentence short (an abbreviation): no clean removal
                }
                String rest = (p.context().substring(0, s.start()) + " " + p.context().substring(s.end()))
                        .toLowerCase(Locale.ROOT);
                int[] span = TrainingData.tokenSpan(p.tokens(), s.start(), s.end());
                return rest.contains(answer) || span == null ? null : span;
            }
        }
        return null;
    }

    /**
     * The question with one name or number it shares with the paragraph (not part of the answer, not
     * its first word) replaced by a name of another article, or a number of as many digits, that the
     * paragraph does not mention; null when it has none to swap.
     */
    static String swap(String question, Paragraph p, String answer, int article, List<List<String>> names,
                               Random random) {
        List<int[]> candidates = new ArrayList<>();
        Matcher m = WORD.matcher(question);
        while (m.find()) {
            String word = m.group();
            boolean shaped = m.start() > 0 && (NAME.matcher(word).matches() || NUMBER.matcher(word).matches());
            if (shaped && p.words().contains(word.toLowerCase(Locale.ROOT)) && !answer.contains(word.toLowerCase(Locale.ROOT))) {
                candidates.add(new int[] {m.start(), m.end()});
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        int[] chosen = candidates.get(random.nextInt(candidates.size()));
        String word = question.substring(chosen[0], chosen[1]);
        String context = p.context().toLowerCase(Locale.ROOT);
        for (int attempt = 0; attempt < 20; attempt++) {
            String replacement;
            if (NUMBER.matcher(word).matches()) {
                if (word.length() > 9) {
                    return null; // a replacement of as many digits would not fit an int
                }
                int low = word.length() == 1 ? 0 : (int) Math.pow(10, word.length() - 1);
                replacement = Integer.toString(low + random.nextInt((int) Math.pow(10, word.length()) - low));
            } else {
                int other = random.nextInt(names.size());
                if (other == article || names.get(other).isEmpty()) {
                    continue;
                }
                replacement = names.get(other).get(random.nextInt(names.get(other).size()));
            }
            if (!context.contains(replacement.toLowerCase(Locale.ROOT))) {
                return question.substring(0, chosen[0]) + replacement + question.substring(chosen[1]);
            }
        }
        return null;
    }

    /** Capitalised words inside sentences (not opening one): names, the kind of word a swap replaces. */
    static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            int before = m.start() - 1;
            while (before >= 0 && Character.isWhitespace(text.charAt(before))) {
                before--;
            }
            boolean opens = before < 0 || ".!?\"“(:;".indexOf(text.charAt(before)) >= 0;
            if (!opens && !EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(m.group().toLowerCase(Locale.ROOT))) {
                names.add(m.group());
            }
        }
        return names;
    }

    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (!EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(w)) {
                words.add(w);
            }
        }
        return words;
    }
}
