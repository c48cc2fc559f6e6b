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
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reader's ONNX model and tokenizer, loaded once per process: the bundled int8 model, or an export
 * of {@code train/train_reader.py} named by NEWSDESK_READER_MODEL. Checked when loaded, so that a
 * missing, damaged or wrong file stops start-up with one line naming it rather than failing questions.
 * One ONNX thread per call: concurrent questions each get a core, as the embedder's do.
 */
final class ReaderModel {

    static final String RESOURCE = "reader-int8.onnx";
    static final String NAME = "newsdesk-reader-minilm-l6-int8";
    private static final Set<String> INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");
    private static final Set<String> OUTPUTS = Set.of("start_logits", "end_logits");

    /** Models by where they came from ("bundled", or a file's absolute path). */
    private static final Map<String, ReaderModel> LOADED = new ConcurrentHashMap<>();

    private final OrtSession session;
    private final ReaderTokenizer tokenizer;
    private final String id;

    private ReaderModel(OrtSession session, ReaderTokenizer tokenizer, String id) {
        this.session = session;
        this.tokenizer = tokenizer;
        this.id = id;
    }

    /** The model in {@code file}, or the bundled one when null. */
    static ReaderModel of(Path file) {
        String key = file == null ? "bundled" : file.toAbsolutePath().toString();
        return LOADED.computeIfAbsent(key, k -> file == null ? bundled() : file(file));
    }

    private static ReaderModel bundled() {
        String where = "dev/newsdesk/read/" + RESOURCE;
        try (InputStream in = ReaderModel.class.getResourceAsStream(RESOURCE)) {
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

    private static ReaderModel file(Path file) {
        try {
            return load(file.toString(), Files.readAllBytes(file), Optional.of(file));
        } catch (IOException e) {
            throw new NewsdeskException("The reader model '" + file + "' cannot be read (" + e.getMessage()
                    + "); fix NEWSDESK_READER_MODEL or unset it to use the bundled model.", e);
        }
    }

    /** A session over {@code bytes}, opened from {@code copy} when there is one (faster than from memory). */
    private static ReaderModel load(String where, byte[] bytes, Optional<Path> copy) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = null;
            if (copy.isPresent()) {
                try {
                    session = environment.createSession(copy.get().toString(), options);
                } catch (OrtException e) {
                    session = null; // a bad copy: load from the bytes, which says what is wrong with them
                }
            }
            if (session == null) {
                session = environment.createSession(bytes, options);
            }
            if (!session.getInputNames().equals(INPUTS) || !session.getOutputNames().equals(OUTPUTS)) {
                throw new NewsdeskException("The reader model " + where + " takes " + session.getInputNames()
                        + " and gives " + session.getOutputNames() + ", not a reader's " + INPUTS + " and " + OUTPUTS
                        + "; point NEWSDESK_READER_MODEL at an export of train/train_reader.py.");
            }
            return new ReaderModel(session, ReaderTokenizer.bundled(), NAME + "@" + digest(bytes));
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
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    String id() {
        return id;
    }

    ReaderTokenizer tokenizer() {
        return tokenizer;
    }

    /** Start and end logits per token of one input: [CLS] question [SEP] passage [SEP], token types set. */
    float[][] logits(long[] ids, long[] types) {
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(mask, 1);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor a = OnnxTensor.createTensor(env, new long[][] {ids});
             OnnxTensor b = OnnxTensor.createTensor(env, new long[][] {mask});
             OnnxTensor c = OnnxTensor.createTensor(env, new long[][] {types});
             OrtSession.Result result = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
            return new float[][] {logits(result, "start_logits"), logits(result, "end_logits")};
        } catch (OrtException e) {
            throw new IllegalStateException("the reader model failed on an input of " + ids.length + " tokens: "
                    + e.getMessage(), e);
        }
    }

    private static float[] logits(OrtSession.Result result, String name) throws OrtException {
        return ((float[][]) result.get(name).orElseThrow().getValue())[0];
    }
}
