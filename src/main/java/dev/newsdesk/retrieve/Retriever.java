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
import dev.langchain4j.rag.content.aggregator.ContentAggregator;
import dev.langchain4j.rag.content.aggregator.DefaultContentAggregator;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.router.DefaultQueryRouter;
import dev.langchain4j.rag.query.transformer.QueryTransformer;
import dev.newsdesk.index.ArticleFilter;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.index.StoredChunk;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * Hybrid retrieval as a LangChain4j {@link RetrievalAugmentor}: the follow-up transformer makes the
 * question standalone, BM25 and kNN retrievers run over the index, and {@link RecencyAggregator} fuses
 * their rankings by reciprocal rank fusion, preferring newer articles for a question about the latest
 * news. The augmentor is built once; each question's rewrite and filter travel in its parameters. Both
 * retrievers search only the articles a filter lets through (outlet, date range). The top {@code topK}
 * chunks come back with their sentences, ready for the answerer.
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

    private Retriever(Builder b) {
        this.index = b.index;
        this.transformer = b.transformer;
        this.embeddings = b.embeddings;
        this.topK = b.topK;
        // Language data: tells a question about the latest news from others, for the aggregator.
        this.recency = new RecencyCues();
        this.augmentor = DefaultRetrievalAugmentor.builder()
                // Rewritten before augmenting (the answer is scored against the first query), and passed in.
                .queryTransformer(RetrievalParameters::queries)
                .queryRouter(new DefaultQueryRouter(b.retrievers))
                .contentAggregator(b.aggregator)
                // Answerers take the retrieved chunks, not a prompt with the contents pasted in.
                .contentInjector((contents, message) -> message)
                // In the caller's thread for an in-process index (a thread hop costs more than it saves),
                // in parallel where each search is a network round trip.
                .executor(index.searches())
                .build();
    }

    /**
     * A retriever over a store, as LangChain4j's {@code DefaultRetrievalAugmentor.builder()}: the store, the
     * query embeddings and {@code topK} are required; the rest defaults to the offline follow-up rewrite,
     * BM25 and kNN retrievers looking {@code 2 × topK} deep, and plain reciprocal rank fusion.
     */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private ChunkStore index;
        private QueryEmbeddings embeddings;
        private int topK;
        private QueryTransformer transformer;
        private List<ContentRetriever> retrievers;
        private ContentAggregator aggregator;

        private Builder() {
        }

        public Builder store(ChunkStore index) {
            this.index = index;
            return this;
        }

        public Builder embeddings(QueryEmbeddings embeddings) {
            this.embeddings = embeddings;
            return this;
        }

        /** How many chunks a retrieval returns. */
        public Builder topK(int topK) {
            this.topK = topK;
            return this;
        }

        /** Makes a follow-up standalone; it runs once per question, before the retrievers. */
        public Builder queryTransformer(QueryTransformer transformer) {
            this.transformer = transformer;
            return this;
        }

        /** The retrievers whose rankings are fused; each reads its filter from the query's parameters. */
        public Builder contentRetrievers(ContentRetriever... retrievers) {
            this.retrievers = List.of(retrievers);
            return this;
        }

        /** Fuses the retrievers' rankings (and may prefer newer articles, see {@link RecencyAggregator}). */
        public Builder contentAggregator(ContentAggregator aggregator) {
            this.aggregator = aggregator;
            return this;
        }

        public Retriever build() {
            Objects.requireNonNull(index, "store");
            Objects.requireNonNull(embeddings, "embeddings");
            if (topK < 1) {
                throw new IllegalArgumentException("topK must be at least 1, was " + topK);
            }
            transformer = Objects.requireNonNullElseGet(transformer, FollowUpQueryTransformer::new);
            // Each retriever looks deeper than topK so that fusion has overlap to work with.
            retrievers = Objects.requireNonNullElseGet(retrievers, () -> List.of(
                    new Bm25Retriever(index, 2 * topK), new VectorRetriever(index, embeddings, 2 * topK)));
            aggregator = Objects.requireNonNullElseGet(aggregator, DefaultContentAggregator::new);
            return new Retriever(this);
        }
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
        // Embedded before the searches go out (the vector retriever finds it cached), so that BM25 and kNN
        // leave together: on a remote store, the question then waits for one round trip, not two.
        float[] vector = embeddings.of(standalone);
        AugmentationResult result;
        try {
            result = augmentor.augment(new AugmentationRequest(message, metadata));
        } catch (CompletionException e) {
            // The augmentor joins the searches' futures: the store's own failure is what callers handle.
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        List<String> top = result.contents().stream().limit(topK).map(ChunkContents::chunkId).toList();
        List<StoredChunk> chunks = index.byIds(top);
        return new Retrieval(standalone, vector, chunks.stream().map(ChunkContents::of).toList(), chunks,
                filter);
    }
}
