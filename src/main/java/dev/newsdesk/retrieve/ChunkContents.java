package dev.newsdesk.retrieve;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.ingest.Sentence;
import java.util.List;

/**
 * Turns index hits and chunks into LangChain4j {@link Content}. The retrievers return references: the
 * chunk id as text and metadata, identical for the same chunk whichever retriever found it (no score
 * in them), which is what lets reciprocal rank fusion merge them, and loading nothing from stored
 * fields. {@link Retriever} then loads the fused top k and turns them into full contents.
 */
final class ChunkContents {

    static final String CHUNK_ID = "chunk_id";
    static final String FILE = "file";
    static final String TITLE = "title";

    private ChunkContents() {
    }

    static List<Content> references(List<ChunkStore.Hit> hits) {
        return hits.stream()
                .map(hit -> Content.from(TextSegment.from(hit.id(),
                        new Metadata().put(CHUNK_ID, hit.id()).put(FILE, hit.file()))))
                .toList();
    }

    static Content of(StoredChunk chunk) {
        List<Sentence> sentences = chunk.sentences();
        Metadata metadata = new Metadata()
                .put(CHUNK_ID, chunk.id())
                .put(FILE, chunk.file())
                .put(TITLE, chunk.title())
                .put("start", sentences.get(0).start())
                .put("end", sentences.get(sentences.size() - 1).end());
        String text = String.join(" ", sentences.stream().map(Sentence::text).toList());
        return Content.from(TextSegment.from(text, metadata));
    }

    static String file(Content content) {
        return content.textSegment().metadata().getString(FILE);
    }

    static String chunkId(Content content) {
        return content.textSegment().metadata().getString(CHUNK_ID);
    }
}
