package dev.newsdesk.read;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.index.ModelFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reader newsdesk trains itself (train/README.md): all-MiniLM-L6-v2's encoder with a span head,
 * fine-tuned on SQuAD 1.1 with unanswerable examples made from it, exported to ONNX and quantized to
 * int8; loaded once per process from the jar and run with one thread per question, as the embedder is.
 *
 * <p>A passage longer than a window is read in windows of {@code windowTokens} tokens (question
 * included) that overlap by {@code overlapTokens}, as in training.
 */
public final class OnnxReader implements Reader {

    static final String MODEL = "reader-int8.onnx";
    static final String NAME = "newsdesk-reader-minilm-l6-int8";
    /** SQuAD's convention, kept in training: an answer is at most 30 tokens. */
    static final int MAX_ANSWER_TOKENS = 30;
    /** Spans are sought among the 20 best starts and 20 best ends of a window, as in training's scoring. */
    private static final int BEST = 20;

    private record Model(OrtSession session, ReaderTokenizer tokenizer, String id) {
    }

    /** Models by where they came from ("bundled", or a file's absolute path): each is loaded once per process. */
    private static final Map<String, Model> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    private final Model model;
    private final int windowTokens;
    private final int overlapTokens;

    private OnnxReader(Model model, int windowTokens, int overlapTokens) {
        this.model = model;
        this.windowTokens = windowTokens;
        this.overlapTokens = overlapTokens;
    }

    /**
     * The bundled reader, its model loaded on first use. {@code windowTokens} must leave room for a
     * question and some passage; a passage longer than that is read in overlapping windows.
     */
    public static OnnxReader bundled(int windowTokens, int overlapTokens) {
        return of(null, windowTokens, overlapTokens);
    }

    /** The reader of the model file {@code model} (an ONNX export of train/train_reader.py), or the bundled one when null. */
    public static OnnxReader of(Path model, int windowTokens, int overlapTokens) {
        if (windowTokens < 64 || windowTokens > 512 || overlapTokens < 0 || overlapTokens >= windowTokens / 2) {
            throw new NewsdeskException("The reader's windows must hold 64 to 512 tokens and overlap by less than half"
                    + " (NEWSDESK_READER_WINDOW_TOKENS=" + windowTokens + ", NEWSDESK_READER_OVERLAP_TOKENS="
                    + overlapTokens + ").");
        }
        String key = model == null ? "bundled" : model.toAbsolutePath().toString();
        return new OnnxReader(LOADED.computeIfAbsent(key, k -> model == null ? bundled() : file(model)), windowTokens,
                overlapTokens);
    }

    private static Model bundled() {
        String where = "dev/newsdesk/read/" + MODEL;
        try (InputStream in = OnnxReader.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new NewsdeskException("The reader model " + where + " is missing from the classpath; rebuild the"
                        + " jar with 'mvn package', or set NEWSDESK_READER=off.");
            }
            return load(where, in.readAllBytes(), ModelFiles.localCopy(where));
        } catch (IOException e) {
            throw new NewsdeskException("The reader model " + where + " cannot be read (" + e.getMessage()
                    + "); rebuild the jar with 'mvn package', or set NEWSDESK_READER=off.", e);
        }
    }

    private static Model file(Path model) {
        try {
            return load(model.toString(), Files.readAllBytes(model), Optional.of(model));
        } catch (IOException e) {
            throw new NewsdeskException("The reader model '" + model + "' cannot be read (" + e.getMessage()
                    + "); fix NEWSDESK_READER_MODEL or unset it to use the bundled model.", e);
        }
    }

    /** A session over {@code bytes}, opened from {@code file} when there is one (faster than from memory). */
    private static Model load(String where, byte[] bytes, Optional<Path> file) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = file.map(p -> {
                try {
                    return environment.createSession(p.toString(), options);
                } catch (OrtException e) {
                    return null; // a bad copy: load from the bytes, which says what is wrong with them
                }
            }).orElse(null);
            if (session == null) {
                session = environment.createSession(bytes, options);
            }
            return new Model(session, ReaderTokenizer.bundled(), NAME + "@" + digest(bytes));
        } catch (OrtException e) {
            throw new NewsdeskException("The reader model " + where + " is not a model ONNX Runtime can load ("
                    + e.getMessage().strip().lines().findFirst().orElse("") + "); rebuild the jar with 'mvn package',"
                    + " point NEWSDESK_READER_MODEL at a good export, or set NEWSDESK_READER=off.", e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String id() {
        return model.id();
    }

    @Override
    public List<Reading> read(String question, List<String> passages) {
        int[] asked = model.tokenizer().tokenize(question).ids();
        int[] q = java.util.Arrays.copyOf(asked, Math.min(asked.length, TrainingData.MAX_QUESTION_TOKENS));
        List<Reading> readings = new ArrayList<>();
        for (String passage : passages) {
            readings.add(read(q, model.tokenizer().tokenize(passage)));
        }
        return readings;
    }

    private Reading read(int[] question, ReaderTokenizer.Tokens passage) {
        int room = Math.max(1, windowTokens - question.length - 3);
        int step = Math.max(1, room - overlapTokens);
        Map<Long, Span> spans = new HashMap<>();
        double noAnswer = Double.POSITIVE_INFINITY;
        for (int from = 0; ; from += step) {
            int to = Math.min(from + room, passage.size());
            float[][] logits = run(question, passage.ids(), from, to);
            noAnswer = Math.min(noAnswer, logits[0][0] + logits[1][0]);
            for (Span s : spans(logits, question.length + 2, from, to, passage)) {
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
    private static List<Span> spans(float[][] logits, int offset, int from, int to, ReaderTokenizer.Tokens passage) {
        int n = to - from;
        Integer[] starts = best(logits[0], offset, n);
        Integer[] ends = best(logits[1], offset, n);
        List<Span> out = new ArrayList<>();
        for (int a : starts) {
            for (int b : ends) {
                if (a <= b && b < a + MAX_ANSWER_TOKENS) {
                    out.add(new Span(passage.starts()[from + a], passage.ends()[from + b],
                            logits[0][offset + a] + logits[1][offset + b]));
                }
            }
        }
        return out;
    }

    private static Integer[] best(float[] logits, int offset, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Float.compare(logits[offset + y], logits[offset + x]));
        return java.util.Arrays.copyOf(order, Math.min(BEST, n));
    }

    /** [CLS] question [SEP] passage[from, to) [SEP] through the model: start and end logits per token. */
    private float[][] run(int[] question, int[] passage, int from, int to) {
        int length = question.length + (to - from) + 3;
        long[][] ids = new long[1][length];
        long[][] mask = new long[1][length];
        long[][] types = new long[1][length];
        int i = 0;
        ids[0][i++] = ReaderTokenizer.CLS;
        for (int id : question) {
            ids[0][i++] = id;
        }
        ids[0][i++] = ReaderTokenizer.SEP;
        int second = i;
        for (int p = from; p < to; p++) {
            ids[0][i++] = passage[p];
        }
        ids[0][i] = ReaderTokenizer.SEP;
        java.util.Arrays.fill(mask[0], 1);
        java.util.Arrays.fill(types[0], second, length, 1);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor a = OnnxTensor.createTensor(env, ids);
             OnnxTensor b = OnnxTensor.createTensor(env, mask);
             OnnxTensor c = OnnxTensor.createTensor(env, types);
             OrtSession.Result result = model.session().run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
            return new float[][] {((float[][]) result.get(0).getValue())[0], ((float[][]) result.get(1).getValue())[0]};
        } catch (OrtException e) {
            throw new IllegalStateException("the reader model failed on a window of " + length + " tokens: "
                    + e.getMessage(), e);
        }
    }
}
