package dev.newsdesk.retrieve;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.newsdesk.index.ChunkStore;
import java.util.List;

/** Semantic retrieval: nearest chunks to the query's embedding (HNSW, cosine). */
public final class VectorRetriever implements ContentRetriever {

    private final ChunkStore index;
    private final QueryEmbeddings embeddings;
    private final int maxResults;

    public VectorRetriever(ChunkStore index, QueryEmbeddings embeddings, int maxResults) {
        this.index = index;
        this.embeddings = embeddings;
        this.maxResults = maxResults;
    }

    @Override
    public List<Content> retrieve(Query query) {
        return ChunkContents.references(index.knn(embeddings.of(query.text()), maxResults, RetrievalParameters.filter(query)));
    }
}
