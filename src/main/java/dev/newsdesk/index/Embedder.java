package dev.newsdesk.index;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsdesk.config.NewsdeskException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * An in-process LangChain4j embedding model, shipped in a Maven jar, so newsdesk embeds with no
 * network. Each model is loaded once per process (loading takes a second and ~100 MB) and shared.
 *
 * <p>The ONNX session is built here rather than by the model's LangChain4j class so that it runs
 * single-threaded: a question is a few tokens, where spreading one inference over both cores costs
 * more in hand-offs than it saves, and concurrent questions then each get a core of their own.
 * Batches (index builds) are still spread over the cores, one text per task.
 */
public final class Embedder {

    private record Spec(String onnx, String tokenizer, PoolingMode pooling, int dimension, String queryPrefix) {
    }

    /** bge asks for an instruction before short retrieval queries; MiniLM does not. */
    private static final Map<String, Spec> MODELS = Map.of(
            "all-minilm-l6-v2-q", new Spec("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json",
                    PoolingMode.MEAN, 384, ""),
            "bge-small-en-v1.5-q", new Spec("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
                    PoolingMode.CLS, 384, "Represent this sentence for searching relevant passages: "));

    private static final Map<String, Embedder> LOADED = new ConcurrentHashMap<>();

    private final String id;
    private final Spec spec;
    private final EmbeddingModel model;

    private Embedder(String id, Spec spec) {
        this.id = id;
        this.spec = spec;
        this.model = load(spec);
    }

    private static EmbeddingModel load(Spec spec) {
        ClassLoader loader = Embedder.class.getClassLoader();
        try (InputStream onnx = loader.getResourceAsStream(spec.onnx());
             InputStream tokenizer = loader.getResourceAsStream(spec.tokenizer());
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (onnx == null || tokenizer == null) {
                throw new NewsdeskException("The embedding model " + spec.onnx() + " is missing from the classpath;"
                        + " rebuild the jar with 'mvn package'.");
            }
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            Optional<Path> file = ModelFiles.localCopy(spec.onnx());
            OrtSession session = file.isPresent()
                    ? environment.createSession(file.get().toString(), options)
                    : environment.createSession(onnx.readAllBytes(), options);
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, unpadded(tokenizer), spec.pooling());
            return new SingleThreadedModel(encoder);
        } catch (IOException | OrtException e) {
            throw new NewsdeskException("Cannot load the embedding model " + spec.onnx() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The shipped tokenizer pads every input to 128 tokens. Texts are embedded one at a time, so the
     * padding buys nothing, and a ten-word question would cost as much as a paragraph; without it
     * the attention mask and pooling give the same vector.
     */
    private static InputStream unpadded(InputStream tokenizer) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(tokenizer);
        config.putNull("padding");
        return new ByteArrayInputStream(json.writeValueAsBytes(config));
    }

    /** LangChain4j's in-process model around our session; embedAll still fans out over the cores. */
    private static final class SingleThreadedModel extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        SingleThreadedModel(OnnxBertBiEncoder encoder) {
            super(Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), daemon()));
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        private static ThreadFactory daemon() {
            return runnable -> {
                Thread thread = new Thread(runnable, "embedder");
                thread.setDaemon(true);
                return thread;
            };
        }
    }

    /** The shared instance of a model, loaded on first use. */
    public static Embedder named(String id) {
        Spec spec = MODELS.get(id);
        if (spec == null) {
            throw new NewsdeskException("Unknown embedding model '" + id + "'; NEWSDESK_EMBEDDING_MODEL must be one of "
                    + MODELS.keySet() + ".");
        }
        return LOADED.computeIfAbsent(id, key -> new Embedder(key, spec));
    }

    public String id() {
        return id;
    }

    public int dimension() {
        return spec.dimension();
    }

    /** Embeds passages (sentences, chunks); vectors come back unit length. */
    public List<float[]> embedPassages(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
    }

    /** Embeds a question the way the model wants retrieval queries phrased. */
    public float[] embedQuery(String question) {
        return model.embed(spec.queryPrefix() + question).content().vector();
    }

    public static float cosine(float[] a, float[] b) {
        float dot = 0;
        float na = 0;
        float nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : (float) (dot / Math.sqrt(na * nb));
    }
}
