package dev.newsdesk.retrieve;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
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
import dev.newsdesk.index.ChunkIndex;
import dev.newsdesk.index.StoredChunk;
import java.util.Collection;
import java.util.List;

/**
 * Hybrid retrieval as a LangChain4j {@link RetrievalAugmentor}: the follow-up transformer makes the
 * question standalone, BM25 and kNN retrievers run over the Lucene index, and the default aggregator
 * fuses their rankings by reciprocal rank fusion. The top {@code topK} chunks come back with their
 * sentences, ready for the answerer.
 */
public final class Retriever {

    /** What retrieval found for one question. */
    public record Retrieval(String standaloneQuery, float[] queryVector, List<Content> contents,
                            List<StoredChunk> chunks) {
    }

    private final ChunkIndex index;
    private final QueryTransformer transformer;
    private final DefaultQueryRouter router;
    private final QueryEmbeddings embeddings;
    private final int topK;

    public Retriever(ChunkIndex index, QueryEmbeddings embeddings, QueryTransformer transformer, int topK) {
        this.index = index;
        this.transformer = transformer;
        this.embeddings = embeddings;
        this.topK = topK;
        // Each retriever looks deeper than topK so that fusion has overlap to work with.
        this.router = new DefaultQueryRouter(
                new Bm25Retriever(index, 2 * topK), new VectorRetriever(index, embeddings, 2 * topK));
    }

    /** Retrieves for {@code question} given the conversation so far (earlier standalone questions and answers). */
    public Retrieval retrieve(String question, Object conversationId, List<ChatMessage> history) {
        UserMessage message = UserMessage.from(question);
        Metadata metadata = Metadata.from(message, conversationId, history);
        // Rewritten once: the rewrite may be a model call, and the answer is scored against its first query.
        Collection<Query> queries = transformer.transform(Query.from(question, metadata));
        String standalone = queries.iterator().next().text();
        AugmentationResult result = augmentor(queries).augment(new AugmentationRequest(message, metadata));
        List<String> top = result.contents().stream().limit(topK).map(ChunkContents::chunkId).toList();
        List<StoredChunk> chunks = index.byIds(top);
        return new Retrieval(standalone, embeddings.of(standalone), chunks.stream().map(ChunkContents::of).toList(), chunks);
    }

    /** The augmentor for one question, given its already rewritten queries. */
    private RetrievalAugmentor augmentor(Collection<Query> queries) {
        return DefaultRetrievalAugmentor.builder()
                .queryTransformer(query -> queries)
                .queryRouter(router)
                .contentAggregator(new DefaultContentAggregator())
                // Answerers take the retrieved chunks, not a prompt with the contents pasted in.
                .contentInjector((contents, message) -> message)
                // Two retrievers over an in-process index: a thread hop costs more than it saves.
                .executor(Runnable::run)
                .build();
    }
}
