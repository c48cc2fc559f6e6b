package dev.newsdesk.retrieve;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.rag.AugmentationRequest;
import dev.langchain4j.rag.AugmentationResult;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.RetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.aggregator.DefaultContentAggregator;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.router.DefaultQueryRouter;
import dev.langchain4j.rag.query.transformer.QueryTransformer;
import dev.newsdesk.index.ArticleFilter;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.ingest.Corpus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

/**
 * Hybrid retrieval as a LangChain4j {@link RetrievalAugmentor}: the follow-up transformer makes the
 * question standalone, BM25 and kNN retrievers run over the Lucene index, and the default aggregator
 * fuses their rankings by reciprocal rank fusion; a question about the latest news then prefers newer
 * articles. Both retrievers search only the articles a filter lets through (outlet, date range). The
 * top {@code topK} chunks come back with their sentences, ready for the answerer.
 */
public final class Retriever {

    /** What retrieval found for one question, and the articles it was restricted to. */
    public record Retrieval(String standaloneQuery, float[] queryVector, List<Content> contents,
                            List<StoredChunk> chunks, ArticleFilter filter) {
    }

    /** How much an article's date counts against its relevance when a question asks for the latest. */
    private static final double RECENCY_WEIGHT = 0.5;
    /** Reports this much older than the newest one still describe the same state of a story. */
    private static final Duration SAME_STORY_STATE = Duration.ofDays(1);
    private static final long UNDATED = Long.MIN_VALUE;

    private final ChunkStore index;
    private final QueryTransformer transformer;
    private final DefaultQueryRouter router;
    private final QueryEmbeddings embeddings;
    private final int topK;
    private final Corpus corpus;
    private final RecencyCues recency = new RecencyCues();

    /** {@code corpus} gives the articles' dates, for questions about the latest news. */
    public Retriever(ChunkStore index, QueryEmbeddings embeddings, QueryTransformer transformer, int topK, Corpus corpus) {
        this.index = index;
        this.corpus = corpus;
        this.transformer = transformer;
        this.embeddings = embeddings;
        this.topK = topK;
        // Each retriever looks deeper than topK so that fusion has overlap to work with.
        this.router = new DefaultQueryRouter(
                new Bm25Retriever(index, 2 * topK), new VectorRetriever(index, embeddings, 2 * topK));
    }

    /** The augmentor for one question, given its already rewritten queries. */
    private RetrievalAugmentor augmentor(Collection<Query> queries) {
        return DefaultRetrievalAugmentor.builder()
                .queryTransformer(query -> queries)
                .queryRouter(router)
                .contentAggregator(new DefaultContentAggregator())
                // Answerers take the retrieved chunks, not a prompt with the contents pasted in.
                .contentInjector((contents, message) -> message)
                // In the caller's thread for an in-process index (a thread hop costs more than it saves),
                // in parallel where each search is a network round trip.
                .executor(index.searches())
                .build();
    }

    /** Retrieves for {@code question} given the conversation so far (earlier standalone questions and answers). */
    public Retrieval retrieve(String question, Object conversationId, List<ChatMessage> history) {
        return retrieve(question, conversationId, history, ArticleFilter.NONE);
    }

    /** As {@link #retrieve(String, Object, List)}, from the articles {@code filter} lets through only. */
    public Retrieval retrieve(String question, Object conversationId, List<ChatMessage> history, ArticleFilter filter) {
        UserMessage message = UserMessage.from(question);
        Metadata metadata = Metadata.builder().chatMessage(message).chatMemory(history)
                .invocationContext(InvocationContext.builder().chatMemoryId(conversationId)
                        .invocationParameters(ChunkContents.parameters(filter)).build())
                .build();
        // Rewritten once: the rewrite may be a model call, and the answer is scored against its first query.
        Collection<Query> queries = transformer.transform(Query.from(question, metadata));
        String standalone = queries.iterator().next().text();
        AugmentationResult result;
        try {
            result = augmentor(queries).augment(new AugmentationRequest(message, metadata));
        } catch (CompletionException e) {
            // The augmentor joins the searches' futures: the store's own failure is what callers handle.
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        List<Content> fused = recency.asksForRecent(standalone) ? newestFirst(result.contents()) : result.contents();
        List<String> top = fused.stream().limit(topK).map(ChunkContents::chunkId).toList();
        List<StoredChunk> chunks = index.byIds(top);
        return new Retrieval(standalone, embeddings.of(standalone), chunks.stream().map(ChunkContents::of).toList(), chunks,
                filter);
    }

    /**
     * For a question about the latest news: of the reports among the {@code topK} most relevant
     * chunks, the newest is the answer, so chunks of dated articles more than a day older than it are
     * left out (they would answer with an outdated state of the story); undated articles stay, their
     * age unknown. The rest are ranked by relevance and date in equal parts, each on a 0–1 scale over
     * the candidates (fusion rank; newest date 1, oldest 0, undated 0), so a newer article must still
     * be relevant to get ahead.
     */
    private List<Content> newestFirst(List<Content> fused) {
        List<Long> dates = fused.stream().map(c -> corpus.article(ChunkContents.file(c))
                .flatMap(a -> a.meta().publishedAt()).map(Instant::getEpochSecond).orElse(UNDATED)).toList();
        long newest = dates.stream().limit(topK).mapToLong(Long::longValue).max().orElse(UNDATED);
        if (newest == UNDATED) {
            return fused; // no relevant article says when it was published
        }
        long oldest = dates.stream().filter(d -> d != UNDATED).mapToLong(Long::longValue).min().orElse(newest);
        double[] score = new double[fused.size()];
        for (int i = 0; i < fused.size(); i++) {
            long date = dates.get(i);
            double recent = date == UNDATED ? 0 : newest <= oldest ? 1 : Math.min(1, (double) (date - oldest) / (newest - oldest));
            score[i] = (1 - RECENCY_WEIGHT) * (1 - (double) i / fused.size()) + RECENCY_WEIGHT * recent;
        }
        return IntStream.range(0, fused.size()).boxed()
                .filter(i -> dates.get(i) == UNDATED || dates.get(i) >= newest - SAME_STORY_STATE.toSeconds())
                .sorted(Comparator.comparingDouble((Integer i) -> -score[i]))
                .map(fused::get).toList();
    }
}
