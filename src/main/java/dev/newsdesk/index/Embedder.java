package dev.newsdesk.index;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.newsdesk.config.NewsdeskException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An in-process LangChain4j embedding model, shipped in a Maven jar, so newsdesk embeds with no
 * network. Each model is loaded once per process (loading takes a second and ~100 MB) and shared.
 */
public final class Embedder {

    private record Spec(Supplier<EmbeddingModel> loader, int dimension, String queryPrefix) {
    }

    /** bge asks for an instruction before short retrieval queries; MiniLM does not. */
    private static final Map<String, Spec> MODELS = Map.of(
            "all-minilm-l6-v2", new Spec(AllMiniLmL6V2EmbeddingModel::new, 384, ""),
            "bge-small-en-v1.5-q", new Spec(BgeSmallEnV15QuantizedEmbeddingModel::new, 384,
                    "Represent this sentence for searching relevant passages: "));

    private static final Map<String, Embedder> LOADED = new ConcurrentHashMap<>();

    private final String id;
    private final Spec spec;
    private final EmbeddingModel model;

    private Embedder(String id, Spec spec) {
        this.id = id;
        this.spec = spec;
        this.model = spec.loader().get();
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
