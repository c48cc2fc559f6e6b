package dev.newsdesk.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** Tokens after which a capitalised word usually continues the sentence. */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "u.s.", "u.k.", "u.n.", "e.u.", "d.c.", "gen.", "sen.", "rep.", "gov.", "lt.", "col.", "sgt.", "capt.",
            "maj.", "adm.", "jr.", "sr.", "mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "rev.", "pres.", "dept.",
            "no.", "vs.", "etc.", "inc.", "co.", "corp.", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.");
    private static final Pattern LAST_TOKEN = Pattern.compile("([^\\s—–-]+)$");
    private static final Pattern INITIAL = Pattern.compile("(^|\\s)\\p{Lu}\\.$");

    private final SentenceModel model;

    public SentenceSplitter() {
        try (InputStream in = SentenceSplitter.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException("OpenNLP sentence model " + MODEL + " is missing from the classpath");
            }
            model = new SentenceModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            if (e > s) {
                sentences.add(new Sentence(file, start + s, start + e, line.substring(s, e)));
            }
        }
        return sentences;
    }

    private static boolean continuesPrevious(String line, int[] previous) {
        String before = line.substring(previous[0], previous[1]).stripTrailing();
        Matcher last = LAST_TOKEN.matcher(before);
        if (!last.find()) {
            return false;
        }
        String token = last.group(1).toLowerCase().replaceAll("^[\"“‘'(\\[]+", "");
        return ABBREVIATIONS.contains(token) || INITIAL.matcher(before).find();
    }
}
