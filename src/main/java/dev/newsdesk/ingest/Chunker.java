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
    private final int maxSentences;
    private final SkippedArticles skipped;

    /** A chunker with no limit on an article's sentences (tools and tests). */
    public Chunker(Cleaner cleaner, SentenceSplitter splitter, int sentencesPerChunk, int overlap) {
        this(cleaner, splitter, sentencesPerChunk, overlap, Integer.MAX_VALUE, new SkippedArticles());
    }

    /**
     * A chunker that keeps the first {@code maxSentences} sentences of an article (every one costs an
     * embedding), recording an article it cuts in {@code skipped}.
     */
    public Chunker(Cleaner cleaner, SentenceSplitter splitter, int sentencesPerChunk, int overlap, int maxSentences,
                   SkippedArticles skipped) {
        if (sentencesPerChunk < 1 || overlap < 0 || overlap >= sentencesPerChunk) {
            throw new IllegalArgumentException("need 0 <= overlap < sentencesPerChunk");
        }
        this.cleaner = cleaner;
        this.splitter = splitter;
        this.sentencesPerChunk = sentencesPerChunk;
        this.overlap = overlap;
        this.maxSentences = maxSentences;
        this.skipped = skipped;
    }

    /** False for an article too short to be past the sentence budget, told without splitting it. */
    public boolean mayBeCut(Article article) {
        return splitter.mostSentences(article.text()) > maxSentences;
    }

    public List<Sentence> sentences(Article article) {
        List<Sentence> sentences = new ArrayList<>();
        for (Cleaner.Line line : cleaner.contentLines(article)) {
            for (Sentence s : splitter.split(article.file(), article.text(), line.start(), line.end())) {
                if (Cleaner.isBoilerplate(s.text())) {
                    continue;
                }
                if (sentences.size() == maxSentences) {
                    skipped.cut(article.file(), "more than " + maxSentences + " sentences; the first " + maxSentences
                            + " are indexed (NEWSDESK_MAX_ARTICLE_SENTENCES)");
                    return sentences;
                }
                sentences.add(s);
            }
        }
        skipped.clear(article.file());
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
