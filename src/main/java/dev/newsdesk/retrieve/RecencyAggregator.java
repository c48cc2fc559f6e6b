package dev.newsdesk.retrieve;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.aggregator.ContentAggregator;
import dev.langchain4j.rag.query.Query;
import dev.newsdesk.ingest.Corpus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Fuses the retrievers' rankings with {@code fusion} (reciprocal rank fusion) and, for a question about the
 * latest news, puts the newest relevant reports first: of the reports among the {@code topK} most relevant
 * chunks, the newest is the answer, so chunks of dated articles more than {@code sameStoryState} older than
 * it are left out (they would answer with an outdated state of the story); undated articles stay, their age
 * unknown. The rest are ranked by relevance and date, weighed by {@code recencyWeight}, each on a 0–1 scale
 * over the candidates (fusion rank; newest date 1, oldest 0, undated 0), so a newer article must still be
 * relevant to get ahead.
 */
public final class RecencyAggregator implements ContentAggregator {

    private static final long UNDATED = Long.MIN_VALUE;

    private final ContentAggregator fusion;
    private final Corpus corpus;
    private final int topK;
    private final double recencyWeight;
    private final Duration sameStoryState;

    public RecencyAggregator(ContentAggregator fusion, Corpus corpus, int topK, double recencyWeight, Duration sameStoryState) {
        this.fusion = fusion;
        this.corpus = corpus;
        this.topK = topK;
        this.recencyWeight = recencyWeight;
        this.sameStoryState = sameStoryState;
    }

    @Override
    public List<Content> aggregate(Map<Query, Collection<List<Content>>> queryToContents) {
        List<Content> fused = fusion.aggregate(queryToContents);
        boolean latest = queryToContents.keySet().stream().anyMatch(RetrievalParameters::asksForLatest);
        return latest ? newestFirst(fused) : fused;
    }

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
            score[i] = (1 - recencyWeight) * (1 - (double) i / fused.size()) + recencyWeight * recent;
        }
        return IntStream.range(0, fused.size()).boxed()
                .filter(i -> dates.get(i) == UNDATED || dates.get(i) >= newest - sameStoryState.toSeconds())
                .sorted(Comparator.comparingDouble((Integer i) -> -score[i]))
                .map(fused::get).toList();
    }
}
