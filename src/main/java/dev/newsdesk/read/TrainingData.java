package dev.newsdesk.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.ingest.SentenceSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Turns a file in SQuAD's JSON layout into the reader's training (or evaluation) examples, tokenized by
 * the serving {@link ReaderTokenizer}, as arrays for {@code train/train_reader.py}.
 *
 * <p>Every question gives its positive example (its paragraph, the answer's tokens), or a negative one
 * where the file marks it impossible (SQuAD 2.0). SQuAD 1.1 has no unanswerable questions, so with
 * {@code negatives} on, a share of the questions also gives one example that cannot be answered, of
 * one of three kinds:
 * <ul>
 *   <li>{@code OTHER_PARAGRAPH}: the question over the paragraph of the same article that shares most of
 *   its words without holding the answer (a topical near miss);</li>
 *   <li>{@code SENTENCE_REMOVED}: its own paragraph without the sentence that holds the answer, where the
 *   answer is nowhere else in it (the scene is set, the fact is missing);</li>
 *   <li>{@code SWAPPED}: the question with one of its names or numbers that the paragraph mentions
 *   replaced by one of another article (it asks about something the paragraph does not say).</li>
 * </ul>
 * Long paragraphs are cut into windows by the script, and windows without the answer are negatives too.
 * Deterministic: the same file and seed give the same arrays.
 */
public final class TrainingData {

    public static final int POSITIVE = 0;
    public static final int OTHER_PARAGRAPH = 1;
    public static final int SENTENCE_REMOVED = 2;
    public static final int SWAPPED = 3;
    public static final int IMPOSSIBLE = 4;

    /** Questions longer than this many tokens are cut: none of SQuAD's comes near it. */
    static final int MAX_QUESTION_TOKENS = 64;

    /** Shares of the questions that give a negative of each kind; the rest give none. */
    public record Shares(double otherParagraph, double sentenceRemoved, double swapped) {
        public static final Shares NONE = new Shares(0, 0, 0);
    }

    /** How many examples of each kind were written, by index of the kinds above. */
    public record Report(int paragraphs, int questions, int[] kinds, int unaligned) {
    }

    private final ReaderTokenizer tokenizer;
    private final Unanswerable unanswerable;

    public TrainingData(ReaderTokenizer tokenizer, SentenceSplitter splitter) {
        this.tokenizer = tokenizer;
        this.unanswerable = new Unanswerable(splitter);
    }

    /**
     * Writes the examples of {@code squad} (SQuAD JSON, gzipped or not) to {@code out} (.npz). Example
     * {@code ex_source} is the index of the question in the file's order, for matching answers back.
     */
    public Report write(Path squad, Path out, Shares shares, long seed) {
        TrainingExamples examples = make(squad, shares, seed);
        examples.write(out);
        return examples.report;
    }

    /** The examples of {@code squad}, in memory. */
    TrainingExamples make(Path squad, Shares shares, long seed) {
        JsonNode data = squad(squad).path("data");
        List<Unanswerable.Paragraph> paragraphs = new ArrayList<>();
        Map<Integer, List<Integer>> byArticle = new HashMap<>();
        List<List<String>> namesByArticle = new ArrayList<>();
        for (int a = 0; a < data.size(); a++) {
            List<String> names = new ArrayList<>();
            for (JsonNode p : data.get(a).path("paragraphs")) {
                String context = p.path("context").asText();
                byArticle.computeIfAbsent(a, k -> new ArrayList<>()).add(paragraphs.size());
                paragraphs.add(new Unanswerable.Paragraph(a, context, tokenizer.tokenize(context), Unanswerable.words(context)));
                names.addAll(Unanswerable.names(context));
            }
            namesByArticle.add(names);
        }
        TrainingExamples arrays = new TrainingExamples();
        for (Unanswerable.Paragraph p : paragraphs) {
            // Code-point offsets, counted on from the previous token's start: tokens come in text order.
            int from = 0;
            int fromPoints = 0;
            for (int i = 0; i < p.tokens().size(); i++) {
                int start = p.tokens().starts()[i];
                fromPoints = start >= from ? fromPoints + p.context().codePointCount(from, start)
                        : p.context().codePointCount(0, start);
                from = start;
                arrays.ctxTokens.add(p.tokens().ids()[i]);
                arrays.ctxStarts.add(fromPoints);
                arrays.ctxEnds.add(fromPoints + p.context().codePointCount(start, p.tokens().ends()[i]));
            }
            arrays.ctxOffsets.add(arrays.ctxTokens.size());
            arrays.ctxArticle.add(p.article());
        }
        Random random = new Random(seed);
        int[] kinds = new int[5];
        int unaligned = 0;
        int questions = 0;
        int index = 0;
        for (int a = 0; a < data.size(); a++) {
            for (JsonNode p : data.get(a).path("paragraphs")) {
                Unanswerable.Paragraph paragraph = paragraphs.get(index);
                for (JsonNode qa : p.path("qas")) {
                    int source = questions++;
                    String question = qa.path("question").asText().strip();
                    int q = addQuestion(arrays, question);
                    if (qa.path("is_impossible").asBoolean(false)) {
                        arrays.example(q, index, -1, -1, -1, -1, IMPOSSIBLE, source);
                        kinds[IMPOSSIBLE]++;
                        continue;
                    }
                    JsonNode answer = qa.path("answers").path(0);
                    int[] chars = align(paragraph.context(), answer.path("text").asText(), answer.path("answer_start").asInt());
                    int[] span = chars == null ? null : tokenSpan(paragraph.tokens(), chars[0], chars[1]);
                    if (span == null) {
                        unaligned++;
                        continue;
                    }
                    arrays.example(q, index, span[0], span[1], -1, -1, POSITIVE, source);
                    kinds[POSITIVE]++;
                    String answerText = paragraph.context().substring(chars[0], chars[1]).toLowerCase(Locale.ROOT);
                    double draw = random.nextDouble();
                    if (draw < shares.otherParagraph()) {
                        int other = Unanswerable.nearMiss(question, index, answerText, byArticle.get(a), paragraphs);
                        if (other >= 0) {
                            arrays.example(q, other, -1, -1, -1, -1, OTHER_PARAGRAPH, source);
                            kinds[OTHER_PARAGRAPH]++;
                        }
                    } else if (draw < shares.otherParagraph() + shares.sentenceRemoved()) {
                        int[] cut = unanswerable.answerSentence(paragraph, chars[0], chars[1], answerText);
                        if (cut != null) {
                            arrays.example(q, index, -1, -1, cut[0], cut[1], SENTENCE_REMOVED, source);
                            kinds[SENTENCE_REMOVED]++;
                        }
                    } else if (draw < shares.otherParagraph() + shares.sentenceRemoved() + shares.swapped()) {
                        String swapped = Unanswerable.swap(question, paragraph, answerText, a, namesByArticle, random);
                        if (swapped != null) {
                            arrays.example(addQuestion(arrays, swapped), index, -1, -1, -1, -1, SWAPPED, source);
                            kinds[SWAPPED]++;
                        }
                    }
                }
                index++;
            }
        }
        arrays.report = new Report(paragraphs.size(), questions, kinds, unaligned);
        return arrays;
    }

    private int addQuestion(TrainingExamples arrays, String question) {
        int[] ids = tokenizer.tokenize(question).ids();
        for (int i = 0; i < Math.min(ids.length, MAX_QUESTION_TOKENS); i++) {
            arrays.qTokens.add(ids[i]);
        }
        arrays.qOffsets.add(arrays.qTokens.size());
        return arrays.qOffsets.size() - 2;
    }

    /**
     * The answer's {@code [start, end)} in UTF-16 units. SQuAD counts code points; where the text is not
     * found at its offset, its first occurrence is taken (null when it is nowhere).
     */
    static int[] align(String context, String text, int codePointStart) {
        if (text.isEmpty()) {
            return null;
        }
        int start = codePointStart <= context.codePointCount(0, context.length())
                ? context.offsetByCodePoints(0, codePointStart) : -1;
        if (start < 0 || !context.startsWith(text, start)) {
            start = context.indexOf(text);
        }
        return start < 0 ? null : new int[] {start, start + text.length()};
    }

    /** The first and last token (inclusive) that overlap {@code [start, end)}, or null if none does. */
    static int[] tokenSpan(ReaderTokenizer.Tokens tokens, int start, int end) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.ends()[i] > start && tokens.starts()[i] < end) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        return first < 0 ? null : new int[] {first, last};
    }

    /** A file in SQuAD's JSON layout, gzipped or not. */
    public static JsonNode squad(Path squad) {
        try (InputStream file = Files.newInputStream(squad);
             InputStream in = squad.toString().endsWith(".gz") ? new GZIPInputStream(file) : file) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new NewsdeskException("Cannot read the SQuAD file '" + squad + "' (" + e.getMessage()
                    + "); pass a file in SQuAD's JSON layout, gzipped or not.", e);
        }
    }
}
