package dev.newsdesk.ingest;

import dev.newsdesk.language.Lexicon;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.util.Span;

/**
 * Splits a line of text into sentences with OpenNLP's English model (the one LangChain4j ships for its
 * sentence splitter), then rejoins splits the model makes after abbreviations and initials that news
 * copy is full of ("U.S. Secretary", "Gen. Charles Q. Brown Jr."). Offsets stay those of the article.
 */
public final class SentenceSplitter {

    private static final String MODEL = "/opennlp/opennlp-en-ud-ewt-sentence-1.2-2.5.0.bin";

    /** Tokens after which a capitalised word usually continues the sentence (language data, with its source). */
    private static final Set<String> ABBREVIATIONS = Set.copyOf(Lexicon.section("abbreviations.txt", ""));
    /**
     * Longer than any abbreviation above with up to {@link #OPENING_MARKS} opening quote marks or brackets:
     * such a token never continues a sentence, so scanning back for one stops there.
     */
    private static final int OPENING_MARKS = 3;
    private static final int LONGEST_TOKEN = ABBREVIATIONS.stream().mapToInt(String::length).max().orElse(0)
            + OPENING_MARKS + 1;
    /**
     * The embedding model reads at most 256 word pieces, about 1,000 characters of English: a longer run
     * without a sentence end (a list, a table, a page with no full stops) is cut at spaces into parts of at
     * most this length, so that every part is embedded whole, and read in one window.
     */
    static final int MAX_SENTENCE_CHARS = 1000;

    private final SentenceModel model;
    /** The characters after which the model may end a sentence (".!?" for English). */
    private final String endings;

    public SentenceSplitter() {
        try (InputStream in = SentenceSplitter.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException("OpenNLP sentence model " + MODEL + " is missing from the classpath");
            }
            model = new SentenceModel(in);
            endings = new String(model.getEosCharacters());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * At least as many sentences as {@link #split} finds in {@code text}, counted without splitting it: a
     * sentence ends at a line end, after one of the model's sentence-end characters, or where a run too long
     * for one is cut (at most twice per {@link #MAX_SENTENCE_CHARS} characters).
     */
    public int mostSentences(String text) {
        int ends = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || endings.indexOf(c) >= 0) {
                ends++;
            }
        }
        return ends + 2 * (text.length() / MAX_SENTENCE_CHARS + 1);
    }

    /** Sentences of {@code text[start, end)}, as spans into {@code text}. */
    public List<Sentence> split(String file, String text, int start, int end) {
        String line = text.substring(start, end);
        // SentenceDetectorME keeps per-call state, so each call gets its own (the model is shared).
        Span[] spans = new SentenceDetectorME(model).sentPosDetect(line);
        List<int[]> merged = new ArrayList<>();
        for (Span span : spans) {
            int s = span.getStart();
            int e = span.getEnd();
            if (!merged.isEmpty() && continuesPrevious(line, merged.get(merged.size() - 1))) {
                merged.get(merged.size() - 1)[1] = e;
            } else {
                merged.add(new int[] {s, e});
            }
        }
        List<Sentence> sentences = new ArrayList<>();
        for (int[] m : merged) {
            int s = m[0];
            int e = m[1];
            while (s < e && Character.isWhitespace(line.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(line.charAt(e - 1))) {
                e--;
            }
            while (e > s) {
                int cut = e - s <= MAX_SENTENCE_CHARS ? e : cutAt(line, s, s + MAX_SENTENCE_CHARS);
                sentences.add(new Sentence(file, start + s, start + cut, line.substring(s, cut)));
                s = cut;
                while (s < e && Character.isWhitespace(line.charAt(s))) {
                    s++;
                }
            }
        }
        return sentences;
    }

    /** The last space before {@code limit} (after {@code from}), or {@code limit} itself when there is none. */
    private static int cutAt(String line, int from, int limit) {
        for (int i = limit; i > from; i--) {
            if (Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return Character.isLowSurrogate(line.charAt(limit)) ? limit - 1 : limit;
    }

    /**
     * True when the span {@code previous} ends in an abbreviation or an initial ("U.S.", "Gen.", "J."), so
     * that the next split continues its sentence. Reads only the last token, however long the span.
     */
    private static boolean continuesPrevious(String line, int[] previous) {
        int end = previous[1];
        while (end > previous[0] && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > previous[0] && !breaksToken(line.charAt(start - 1))) {
            if (end - start >= LONGEST_TOKEN) {
                return false;
            }
            start--;
        }
        if (start == end) {
            return false;
        }
        String token = line.substring(start, end).toLowerCase().replaceAll("^[\"“‘'(\\[]+", "");
        boolean initial = end - start == 2 && Character.isUpperCase(line.charAt(start)) && line.charAt(start + 1) == '.'
                && (start == previous[0] || Character.isWhitespace(line.charAt(start - 1)));
        return ABBREVIATIONS.contains(token) || initial;
    }

    private static boolean breaksToken(char c) {
        return Character.isWhitespace(c) || c == '—' || c == '–' || c == '-';
    }
}
