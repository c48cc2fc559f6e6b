package dev.newsdesk.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.ingest.Sentence;
import dev.newsdesk.ingest.SentenceSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

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

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");
    private static final Pattern NAME = Pattern.compile("\\p{Lu}[\\p{L}’'-]+");
    private static final Pattern NUMBER = Pattern.compile("\\p{N}+");

    private final ReaderTokenizer tokenizer;
    private final SentenceSplitter splitter;

    public TrainingData(ReaderTokenizer tokenizer, SentenceSplitter splitter) {
        this.tokenizer = tokenizer;
        this.splitter = splitter;
    }

    private record Paragraph(int article, String context, ReaderTokenizer.Tokens tokens, Set<String> words) {
    }

    /**
     * The examples as arrays, as the script reads them: contexts and questions as token ids with their
     * offsets, and per example its question, context, answer tokens (-1: none), the tokens cut from the
     * context (-1: none), its kind and the index of its question in the file. Token offsets into the
     * context are code points, as Python indexes strings.
     */
    static final class Examples {
        final IntList ctxTokens = new IntList();
        final IntList ctxOffsets = new IntList(0);
        final IntList ctxArticle = new IntList();
        final IntList ctxStarts = new IntList();
        final IntList ctxEnds = new IntList();
        final IntList qTokens = new IntList();
        final IntList qOffsets = new IntList(0);
        final IntList exQuestion = new IntList();
        final IntList exContext = new IntList();
        final IntList exStart = new IntList();
        final IntList exEnd = new IntList();
        final IntList exCutStart = new IntList();
        final IntList exCutEnd = new IntList();
        final IntList exKind = new IntList();
        final IntList exSource = new IntList();

        Report report;

        void example(int question, int context, int start, int end, int cutStart, int cutEnd, int kind, int source) {
            exQuestion.add(question);
            exContext.add(context);
            exStart.add(start);
            exEnd.add(end);
            exCutStart.add(cutStart);
            exCutEnd.add(cutEnd);
            exKind.add(kind);
            exSource.add(source);
        }

        void write(Path out) {
            try (Npz npz = new Npz(out)) {
                npz.shorts("ctx_tokens", ctxTokens.toArray());
                npz.ints("ctx_offsets", ctxOffsets.toArray());
                npz.ints("ctx_article", ctxArticle.toArray());
                npz.ints("ctx_starts", ctxStarts.toArray());
                npz.ints("ctx_ends", ctxEnds.toArray());
                npz.shorts("q_tokens", qTokens.toArray());
                npz.ints("q_offsets", qOffsets.toArray());
                npz.ints("ex_question", exQuestion.toArray());
                npz.ints("ex_context", exContext.toArray());
                npz.ints("ex_start", exStart.toArray());
                npz.ints("ex_end", exEnd.toArray());
                npz.ints("ex_cut_start", exCutStart.toArray());
                npz.ints("ex_cut_end", exCutEnd.toArray());
                npz.ints("ex_kind", exKind.toArray());
                npz.ints("ex_source", exSource.toArray());
            } catch (IOException e) {
                throw new NewsdeskException("Cannot write '" + out + "': " + e.getMessage(), e);
            }
        }

        int count() {
            return exKind.size();
        }

        int kind(int example) {
            return exKind.get(example);
        }

        /** The question of an example, as token ids. */
        int[] question(int example) {
            int q = exQuestion.get(example);
            return qTokens.slice(qOffsets.get(q), qOffsets.get(q + 1));
        }

        int context(int example) {
            return exContext.get(example);
        }

        /** The answer's first and last token in the context ({-1, -1}: none). */
        int[] answer(int example) {
            return new int[] {exStart.get(example), exEnd.get(example)};
        }

        /** The first and last token cut from the context ({-1, -1}: none). */
        int[] cut(int example) {
            return new int[] {exCutStart.get(example), exCutEnd.get(example)};
        }

        /** Code-point offsets of token {@code token} of context {@code context}. */
        int[] tokenPlace(int context, int token) {
            int i = ctxOffsets.get(context) + token;
            return new int[] {ctxStarts.get(i), ctxEnds.get(i)};
        }
    }

    /**
     * Writes the examples of {@code squad} (SQuAD JSON, gzipped or not) to {@code out} (.npz). Example
     * {@code ex_source} is the index of the question in the file's order, for matching answers back.
     */
    public Report write(Path squad, Path out, Shares shares, long seed) {
        Examples examples = make(squad, shares, seed);
        examples.write(out);
        return examples.report;
    }

    /** The examples of {@code squad}, in memory. */
    Examples make(Path squad, Shares shares, long seed) {
        JsonNode data = read(squad).path("data");
        List<Paragraph> paragraphs = new ArrayList<>();
        Map<Integer, List<Integer>> byArticle = new HashMap<>();
        List<List<String>> namesByArticle = new ArrayList<>();
        for (int a = 0; a < data.size(); a++) {
            List<String> names = new ArrayList<>();
            for (JsonNode p : data.get(a).path("paragraphs")) {
                String context = p.path("context").asText();
                byArticle.computeIfAbsent(a, k -> new ArrayList<>()).add(paragraphs.size());
                paragraphs.add(new Paragraph(a, context, tokenizer.tokenize(context), words(context)));
                names.addAll(names(context));
            }
            namesByArticle.add(names);
        }
        Examples arrays = new Examples();
        for (Paragraph p : paragraphs) {
            for (int i = 0; i < p.tokens().size(); i++) {
                arrays.ctxTokens.add(p.tokens().ids()[i]);
                arrays.ctxStarts.add(p.context().codePointCount(0, p.tokens().starts()[i]));
                arrays.ctxEnds.add(p.context().codePointCount(0, p.tokens().ends()[i]));
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
                Paragraph paragraph = paragraphs.get(index);
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
                        int other = nearMiss(question, index, answerText, byArticle.get(a), paragraphs);
                        if (other >= 0) {
                            arrays.example(q, other, -1, -1, -1, -1, OTHER_PARAGRAPH, source);
                            kinds[OTHER_PARAGRAPH]++;
                        }
                    } else if (draw < shares.otherParagraph() + shares.sentenceRemoved()) {
                        int[] cut = answerSentence(paragraph, chars[0], answerText);
                        if (cut != null) {
                            arrays.example(q, index, -1, -1, cut[0], cut[1], SENTENCE_REMOVED, source);
                            kinds[SENTENCE_REMOVED]++;
                        }
                    } else if (draw < shares.otherParagraph() + shares.sentenceRemoved() + shares.swapped()) {
                        String swapped = swap(question, paragraph, answerText, a, namesByArticle, random);
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

    private int addQuestion(Examples arrays, String question) {
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

    /** The paragraph of the same article sharing most of the question's words, not holding the answer; -1 if none. */
    private static int nearMiss(String question, int own, String answer, List<Integer> article, List<Paragraph> paragraphs) {
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
    private int[] answerSentence(Paragraph p, int answerStart, String answer) {
        List<Sentence> sentences = splitter.split("", p.context(), 0, p.context().length());
        if (sentences.size() < 2) {
            return null;
        }
        for (Sentence s : sentences) {
            if (s.start() <= answerStart && answerStart < s.end()) {
                String rest = (p.context().substring(0, s.start()) + " " + p.context().substring(s.end()))
                        .toLowerCase(Locale.ROOT);
                int[] span = tokenSpan(p.tokens(), s.start(), s.end());
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
    private static String swap(String question, Paragraph p, String answer, int article, List<List<String>> names,
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

    private static Set<String> words(String text) {
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

    private static JsonNode read(Path squad) {
        try (InputStream file = Files.newInputStream(squad);
             InputStream in = squad.toString().endsWith(".gz") ? new GZIPInputStream(file) : file) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new NewsdeskException("Cannot read the SQuAD file '" + squad + "' (" + e.getMessage()
                    + "); pass a file in SQuAD's JSON layout, gzipped or not.", e);
        }
    }

    /** A growable int array: the token arrays run to millions of entries. */
    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        IntList(int... initial) {
            for (int v : initial) {
                add(v);
            }
        }

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        int get(int i) {
            return values[i];
        }

        int[] slice(int from, int to) {
            return java.util.Arrays.copyOfRange(values, from, to);
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
