package dev.newsdesk.index;

import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.Chunk;
import dev.newsdesk.ingest.Chunker;
import dev.newsdesk.ingest.Sentence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Turns an article into the chunks every store keeps: chunked, each sentence embedded and analysed. */
public final class ArticleEmbedder {

    /** Thrown by {@link #embed} once {@link #stop} was called: the article was left unfinished. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopping: the article under way was left for the next start");
        }
    }

    /** Sentences embedded between checks for {@link #stop}: a fraction of a second of work. */
    private static final int SLICE = 64;

    private volatile boolean stopping;

    private final Chunker chunker;
    private final Embedder embedder;
    private final Consumer<String> log;
    private final NewsAnalyzer analyzer = new NewsAnalyzer();

    public ArticleEmbedder(Chunker chunker, Embedder embedder, Consumer<String> log) {
        this.chunker = chunker;
        this.embedder = embedder;
        this.log = log;
    }

    public Embedder embedder() {
        return embedder;
    }

    /** Makes embedding give up at the next slice of sentences, for a prompt shutdown; for good. */
    public void stop() {
        stopping = true;
    }

    /** {@code article}'s chunks with their vectors and terms (none, with a warning, when it has no sentences). */
    public List<EmbeddedChunk> embed(Article article) {
        List<Chunk> chunks = chunker.chunk(article);
        if (chunks.isEmpty()) {
            log.accept("warning: " + article.file() + " has no indexable sentences");
            return List.of();
        }
        Map<Sentence, float[]> vectors = embedSentences(chunks);
        List<EmbeddedChunk> embedded = new ArrayList<>(chunks.size());
        for (Chunk chunk : chunks) {
            List<float[]> sentenceVectors = chunk.sentences().stream().map(vectors::get).toList();
            embedded.add(new EmbeddedChunk(chunk, article.meta(), sentenceVectors,
                    chunk.sentences().stream().map(sentence -> analyzer.terms(sentence.text()).stream().distinct().toList()).toList(),
                    mean(sentenceVectors)));
        }
        return embedded;
    }

    private Map<Sentence, float[]> embedSentences(List<Chunk> chunks) {
        List<Sentence> unique = chunks.stream().flatMap(c -> c.sentences().stream()).distinct().toList();
        List<float[]> embedded = new ArrayList<>(unique.size());
        for (int from = 0; from < unique.size(); from += SLICE) {
            if (stopping) {
                throw new Stopped();
            }
            List<Sentence> slice = unique.subList(from, Math.min(from + SLICE, unique.size()));
            embedded.addAll(embedder.embedPassages(slice.stream().map(Sentence::text).toList()));
        }
        Map<Sentence, float[]> vectors = new HashMap<>();
        for (int i = 0; i < unique.size(); i++) {
            vectors.put(unique.get(i), embedded.get(i));
        }
        return vectors;
    }

    /**
     * A chunk's vector is the normalised mean of its sentences' vectors: the sentences have to be
     * embedded anyway for answer scoring, and this halves the embedding work of a build.
     */
    static float[] mean(List<float[]> vectors) {
        float[] sum = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        double norm = 0;
        for (float x : sum) {
            norm += x * x;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < sum.length; i++) {
            sum[i] *= scale;
        }
        return sum;
    }
}
