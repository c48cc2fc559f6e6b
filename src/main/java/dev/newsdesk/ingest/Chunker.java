package dev.newsdesk.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Cleans, splits and groups an article into overlapping chunks of a few sentences. Overlap keeps a
 * statement and the sentence that names its speaker together in at least one chunk.
 */
public final class Chunker {

    private final Cleaner cleaner;
    private final SentenceSplitter splitter;
    private final int sentencesPerChunk;
    private final int overlap;

    public Chunker(Cleaner cleaner, SentenceSplitter splitter, int sentencesPerChunk, int overlap) {
        if (sentencesPerChunk < 1 || overlap < 0 || overlap >= sentencesPerChunk) {
            throw new IllegalArgumentException("need 0 <= overlap < sentencesPerChunk");
        }
        this.cleaner = cleaner;
        this.splitter = splitter;
        this.sentencesPerChunk = sentencesPerChunk;
        this.overlap = overlap;
    }

    public List<Sentence> sentences(Article article) {
        List<Sentence> sentences = new ArrayList<>();
        for (Cleaner.Line line : cleaner.contentLines(article)) {
            for (Sentence s : splitter.split(article.file(), article.text(), line.start(), line.end())) {
                if (!Cleaner.isBoilerplate(s.text())) {
                    sentences.add(s);
                }
            }
        }
        return sentences;
    }

    public List<Chunk> chunk(Article article) {
        List<Sentence> sentences = sentences(article);
        List<Chunk> chunks = new ArrayList<>();
        int stride = sentencesPerChunk - overlap;
        for (int from = 0; from < sentences.size(); from += stride) {
            int to = Math.min(from + sentencesPerChunk, sentences.size());
            chunks.add(new Chunk(article.file() + "#" + chunks.size(), article.file(), article.title(),
                    chunks.size(), List.copyOf(sentences.subList(from, to))));
            if (to == sentences.size()) {
                break;
            }
        }
        return chunks;
    }
}
