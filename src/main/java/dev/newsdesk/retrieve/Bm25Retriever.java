package dev.newsdesk.retrieve;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.newsdesk.index.ChunkStore;
import java.util.List;

/** Lexical retrieval: BM25 over the chunks' English-analysed text. */
public final class Bm25Retriever implements ContentRetriever {

    private final ChunkStore index;
    private final int maxResults;

    public Bm25Retriever(ChunkStore index, int maxResults) {
        this.index = index;
        this.maxResults = maxResults;
    }

    @Override
    public List<Content> retrieve(Query query) {
        return ChunkContents.references(index.bm25(query.text(), maxResults, RetrievalParameters.filter(query)));
    }
}
