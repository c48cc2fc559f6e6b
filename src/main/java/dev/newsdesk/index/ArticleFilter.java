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
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.TermQuery;

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
        if (collections != null && !collections.contains(article.collection())) {
            return false;
        }
        String articleSource = article.meta().source();
        if (source != null && (articleSource == null || !source.equalsIgnoreCase(articleSource))) {
            return false;
        }
        if (from == null && to == null) {
            return true;
        }
        return article.meta().publishedAt()
                .filter(at -> (from == null || !at.isBefore(from)) && (to == null || !at.isAfter(to))).isPresent();
    }

    /**
     * The Lucene filter over the chunks' metadata fields; empty when nothing is restricted. {@code present}
     * holds the collections in the index: when every one of them may be read, they are not filtered at all.
     */
    Optional<Query> query(Set<String> present) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean any = false;
        if (collections != null && !collections.containsAll(present)) {
            // Term queries, not a TermInSetQuery: a filter beside the words is then only advanced to the
            // words' hits, never read through, however many chunks a collection has.
            BooleanQuery.Builder readable = new BooleanQuery.Builder();
            collections.forEach(c -> readable.add(new TermQuery(new Term(StoredChunk.COLLECTION, c)), BooleanClause.Occur.SHOULD));
            query.add(collections.isEmpty() ? new MatchNoDocsQuery() : readable.build(), BooleanClause.Occur.FILTER);
            any = true;
        }
        if (source != null) {
            query.add(new TermQuery(new Term(StoredChunk.SOURCE, source.toLowerCase(Locale.ROOT))),
                    BooleanClause.Occur.FILTER);
            any = true;
        }
        if (from != null || to != null) {
            query.add(LongPoint.newRangeQuery(StoredChunk.PUBLISHED,
                    from == null ? Long.MIN_VALUE : from.getEpochSecond(),
                    to == null ? Long.MAX_VALUE : to.getEpochSecond()), BooleanClause.Occur.FILTER);
            any = true;
        }
        return any ? Optional.of(query.build()) : Optional.empty();
    }
}
