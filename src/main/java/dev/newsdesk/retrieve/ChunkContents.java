package dev.newsdesk.retrieve;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.newsdesk.index.ChunkIndex;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.ingest.Sentence;
import java.util.List;

/**
 * Turns index hits into LangChain4j {@link Content}. Both retrievers build identical segments for the
 * same chunk (no per-retriever score in them), which is what lets reciprocal rank fusion merge them.
 */
final class ChunkContents {

    static final String CHUNK_ID = "chunk_id";
    static final String FILE = "file";
    static final String TITLE = "title";

    private ChunkContents() {
    }

    static List<Content> of(List<ChunkIndex.Hit> hits) {
        return hits.stream().map(hit -> of(hit.chunk())).toList();
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

    static String chunkId(Content content) {
        return content.textSegment().metadata().getString(CHUNK_ID);
    }
}
