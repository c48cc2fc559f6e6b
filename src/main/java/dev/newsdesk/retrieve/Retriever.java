package dev.newsdesk.retrieve;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.invocation.InvocationParameters;
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
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Hybrid retrieval as a LangChain4j {@link RetrievalAugmentor}: the follow-up transformer makes the
 * question standalone, BM25 and kNN retrievers run over the index, and {@link RecencyAggregator} fuses
 * their rankings by reciprocal rank fusion, preferring newer articles for a question about the latest
 * news. The augmentor is built once; each question's rewrite and filter travel in its parameters. Both retrievers search only the articles a filter lets through (outlet, date range). The
 * top {@code topK} chunks come back with their sentences, ready for the answerer.
 */
public final class Retriever {

    /** What retrieval found for one question, and the articles it was restricted to. */
    public record Retrieval(String standaloneQuery, float[] queryVector, List<Content> contents,
                            List<StoredChunk> chunks, ArticleFilter filter) {
    }

    private final ChunkStore index;
    private final QueryTransformer transformer;
    private final QueryEmbeddings embeddings;
    private final int topK;
    private final RecencyCues recency;
    private final RetrievalAugmentor augmentor;

    /**
     * {@code corpus} gives the articles' dates, for questions about the latest news; {@code recencyWeight} and
     * {@code sameStoryState} are {@link dev.newsdesk.config.Settings.Tuning}'s.
     */
    public Retriever(ChunkStore index, QueryEmbeddings embeddings, QueryTransformer transformer, int topK, Corpus corpus,
                     RecencyCues recency, double recencyWeight, Duration sameStoryState) {
        this.index = index;
        this.transformer = transformer;
        this.embeddings = embeddings;
        this.topK = topK;
        this.recency = recency;
        this.augmentor = DefaultRetrievalAugmentor.builder()
                // Rewritten before augmenting (the answer is scored against the first query), and passed in.
                .queryTransformer(RetrievalParameters::queries)
                // Each retriever looks deeper than topK so that fusion has overlap to work with.
                .queryRouter(new DefaultQueryRouter(
                        new Bm25Retriever(index, 2 * topK), new VectorRetriever(index, embeddings, 2 * topK)))
                .contentAggregator(new RecencyAggregator(new DefaultContentAggregator(), corpus, topK, recencyWeight,
                        sameStoryState))
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
        InvocationParameters parameters = RetrievalParameters.of(filter);
        Metadata metadata = Metadata.builder().chatMessage(message).chatMemory(history)
                .invocationContext(InvocationContext.builder().chatMemoryId(conversationId)
                        .invocationParameters(parameters).build())
                .build();
        // Rewritten once: the rewrite may be a model call, and the answer is scored against its first query.
        Collection<Query> queries = transformer.transform(Query.from(question, metadata));
        String standalone = queries.iterator().next().text();
        RetrievalParameters.rewritten(parameters, queries, recency.asksForRecent(standalone));
        AugmentationResult result;
        try {
            result = augmentor.augment(new AugmentationRequest(message, metadata));
        } catch (CompletionException e) {
            // The augmentor joins the searches' futures: the store's own failure is what callers handle.
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        List<String> top = result.contents().stream().limit(topK).map(ChunkContents::chunkId).toList();
        List<StoredChunk> chunks = index.byIds(top);
        return new Retrieval(standalone, embeddings.of(standalone), chunks.stream().map(ChunkContents::of).toList(), chunks,
                filter);
    }
}
