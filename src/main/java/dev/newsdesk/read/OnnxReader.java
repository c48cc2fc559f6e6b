package dev.newsdesk.read;

import dev.newsdesk.config.NewsdeskException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reader newsdesk trains itself (train/README.md): all-MiniLM-L6-v2's encoder with a span head,
 * fine-tuned on SQuAD 1.1 with unanswerable examples made from it, as int8 ONNX ({@link ReaderModel}).
 *
 * <p>A passage longer than a window is read in windows of {@code windowTokens} tokens (question
 * included) that overlap by {@code overlapTokens}, as in training. Spans are widened to whole words, so
 * that a span the model starts inside a word never shows as a fragment of it.
 */
public final class OnnxReader implements Reader {

    /** SQuAD's convention, kept in training: an answer is at most 30 tokens. */
    private static final int MAX_ANSWER_TOKENS = 30;
    /** Spans are sought among the 20 best starts and 20 best ends of a window, as in training's scoring. */
    private static final int BEST = 20;
    /** The encoder has 512 positions. */
    private static final int MAX_WINDOW = 512;
    /** A window moves on by at least this many tokens: a passage is read in a few windows, never one per token. */
    private static final int MIN_STEP = 32;

    private final ReaderModel model;
    private final int windowTokens;
    private final int overlapTokens;

    private OnnxReader(ReaderModel model, int windowTokens, int overlapTokens) {
        this.model = model;
        this.windowTokens = windowTokens;
        this.overlapTokens = overlapTokens;
    }

    /** The bundled reader. */
    public static OnnxReader bundled(int windowTokens, int overlapTokens) {
        return of(null, windowTokens, overlapTokens);
    }

    /**
     * The reader of the model file {@code model} (an ONNX export of train/train_reader.py), or the bundled
     * one when null, loaded now (once per process). Windows must hold the longest question with room to
     * move on past their overlap.
     */
    public static OnnxReader of(Path model, int windowTokens, int overlapTokens) {
        int step = windowTokens - TrainingData.MAX_QUESTION_TOKENS - 3 - overlapTokens;
        if (windowTokens > MAX_WINDOW || overlapTokens < 0 || step < MIN_STEP) {
            throw new NewsdeskException("The reader's windows hold at most " + MAX_WINDOW + " tokens, of which a question"
                    + " takes up to " + TrainingData.MAX_QUESTION_TOKENS + " and the overlap the rest but " + MIN_STEP
                    + " (NEWSDESK_READER_WINDOW_TOKENS=" + windowTokens + ", NEWSDESK_READER_OVERLAP_TOKENS="
                    + overlapTokens + "); the defaults are 192 and 64.");
        }
        return new OnnxReader(ReaderModel.of(model), windowTokens, overlapTokens);
    }

    @Override
    public String id() {
        return model.id();
    }

    @Override
    public List<Reading> read(String question, List<String> passages) {
        int[] asked = model.tokenizer().tokenize(question).ids();
        int[] q = Arrays.copyOf(asked, Math.min(asked.length, TrainingData.MAX_QUESTION_TOKENS));
        List<Reading> readings = new ArrayList<>();
        for (String passage : passages) {
            readings.add(read(q, passage, model.tokenizer().tokenize(passage)));
        }
        return readings;
    }

    private Reading read(int[] question, String text, ReaderTokenizer.Tokens passage) {
        int room = windowTokens - question.length - 3;
        int step = room - overlapTokens;
        Map<Long, Span> spans = new HashMap<>();
        double noAnswer = Double.POSITIVE_INFINITY;
        for (int from = 0; ; from += step) {
            int to = Math.min(from + room, passage.size());
            float[][] logits = run(question, passage.ids(), from, to);
            noAnswer = Math.min(noAnswer, logits[0][0] + logits[1][0]);
            for (Span s : spans(logits, question.length + 2, from, to, text, passage)) {
                spans.merge(((long) s.start() << 32) | s.end(), s, (a, b) -> a.score() >= b.score() ? a : b);
            }
            if (to >= passage.size()) {
                break;
            }
        }
        List<Span> best = spans.values().stream().sorted(Comparator.comparingDouble(Span::score).reversed())
                .limit(BEST).toList();
        return new Reading(best, noAnswer);
    }

    /** The candidate spans of one window: the best starts and ends in the passage part, in order and short. */
    private static List<Span> spans(float[][] logits, int offset, int from, int to, String text,
                                    ReaderTokenizer.Tokens passage) {
        int n = to - from;
        Integer[] starts = best(logits[0], offset, n);
        Integer[] ends = best(logits[1], offset, n);
        List<Span> out = new ArrayList<>();
        for (int a : starts) {
            for (int b : ends) {
                if (a <= b && b < a + MAX_ANSWER_TOKENS) {
                    out.add(new Span(wordStart(text, passage.starts()[from + a]), wordEnd(text, passage.ends()[from + b]),
                            logits[0][offset + a] + logits[1][offset + b]));
                }
            }
        }
        return out;
    }

    private static int wordStart(String text, int at) {
        int i = at;
        while (i > 0 && Character.isLetterOrDigit(text.codePointBefore(i)) && Character.isLetterOrDigit(text.codePointAt(i))) {
            i -= Character.charCount(text.codePointBefore(i));
        }
        return i;
    }

    private static int wordEnd(String text, int at) {
        int i = at;
        while (i < text.length() && i > 0 && Character.isLetterOrDigit(text.codePointBefore(i))
                && Character.isLetterOrDigit(text.codePointAt(i))) {
            i += Character.charCount(text.codePointAt(i));
        }
        return i;
    }

    private static Integer[] best(float[] logits, int offset, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Float.compare(logits[offset + y], logits[offset + x]));
        return Arrays.copyOf(order, Math.min(BEST, n));
    }

    /** [CLS] question [SEP] passage[from, to) [SEP] through the model: start and end logits per token. */
    private float[][] run(int[] question, int[] passage, int from, int to) {
        int length = question.length + (to - from) + 3;
        long[] ids = new long[length];
        long[] types = new long[length];
        int i = 0;
        ids[i++] = ReaderTokenizer.CLS;
        for (int id : question) {
            ids[i++] = id;
        }
        ids[i++] = ReaderTokenizer.SEP;
        int second = i;
        for (int p = from; p < to; p++) {
            ids[i++] = passage[p];
        }
        ids[i] = ReaderTokenizer.SEP;
        Arrays.fill(types, second, length, 1);
        return model.logits(ids, types);
    }
}
