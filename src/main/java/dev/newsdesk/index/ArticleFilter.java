package dev.newsdesk.index;

import dev.newsdesk.ingest.Article;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Which articles a question may be answered from: one outlet (case-insensitive, exact), published
 * from/to (inclusive), and the collections its asker may read; null parts do not restrict. An article
 * without a date never falls in a date range; no article is in an empty set of collections.
 */
public record ArticleFilter(String source, Instant from, Instant to, Set<String> collections) {

    public static final ArticleFilter NONE = new ArticleFilter(null, null, null, null);

    public ArticleFilter {
        collections = collections == null ? null : Set.copyOf(collections);
    }

    /** A filter of outlet and dates, over every collection. */
    public ArticleFilter(String source, Instant from, Instant to) {
        this(source, from, to, null);
    }

    /** The same filter, within {@code readable} collections only (null: all). */
    public ArticleFilter within(Set<String> readable) {
        return new ArticleFilter(source, from, to, readable);
    }

    public boolean restricts() {
        return source != null || from != null || to != null || collections != null;
    }

    /** True when {@code article} passes, as the store's filter decides. */
    public boolean admits(Article article) {
        return admits(article.meta().source(), article.meta().publishedAt(), article.collection());
    }

    /** True when an article with this outlet, publication time and collection passes, as the Lucene filter decides. */
    public boolean admits(String articleSource, Optional<Instant> published, String collection) {
        if (collections != null && !collections.contains(collection)) {
            return false;
        }
        if (source != null && (articleSource == null || !source.equalsIgnoreCase(articleSource))) {
            return false;
        }
        if (from == null && to == null) {
            return true;
        }
        return published.filter(at -> (from == null || !at.isBefore(from)) && (to == null || !at.isAfter(to))).isPresent();
    }

    /** The Lucene filter over the chunks' metadata fields; empty when nothing is restricted. */
    Optional<Query> query() {
        if (!restricts()) {
            return Optional.empty();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        if (collections != null) {
            query.add(new TermInSetQuery(StoredChunk.COLLECTION, collections.stream().map(BytesRef::new).toList()),
                    BooleanClause.Occur.FILTER);
        }
        if (source != null) {
            query.add(new TermQuery(new Term(StoredChunk.SOURCE, source.toLowerCase(Locale.ROOT))),
                    BooleanClause.Occur.FILTER);
        }
        if (from != null || to != null) {
            query.add(LongPoint.newRangeQuery(StoredChunk.PUBLISHED,
                    from == null ? Long.MIN_VALUE : from.getEpochSecond(),
                    to == null ? Long.MAX_VALUE : to.getEpochSecond()), BooleanClause.Occur.FILTER);
        }
        return Optional.of(query.build());
    }
}
