package dev.newsdesk.index;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Which articles a question may be answered from: one outlet (case-insensitive, exact), published
 * from/to (inclusive); null parts do not restrict. An article without a date never falls in a date range.
 */
public record ArticleFilter(String source, Instant from, Instant to) {

    public static final ArticleFilter NONE = new ArticleFilter(null, null, null);

    public boolean restricts() {
        return source != null || from != null || to != null;
    }

    /** True when an article with this outlet and publication time passes, as the Lucene filter decides. */
    public boolean admits(String articleSource, Optional<Instant> published) {
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
