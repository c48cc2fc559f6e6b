package dev.newsdesk.access;

import dev.newsdesk.index.ArticleFilter;
import dev.newsdesk.ingest.Article;
import java.util.Set;
import java.util.TreeSet;

/**
 * The collections someone may read: every one ({@link #ALL}: sign-in off, or an access file's "*"), or
 * a set, possibly empty. Everything a person is shown is filtered through it.
 */
public record Scope(Set<String> collections) {

    public static final Scope ALL = new Scope(null);
    public static final Scope NONE = new Scope(Set.of());

    public Scope {
        collections = collections == null ? null : Set.copyOf(new TreeSet<>(collections));
    }

    public static Scope of(Set<String> collections) {
        return new Scope(collections);
    }

    public boolean reads(String collection) {
        return collections == null || collections.contains(collection);
    }

    public boolean reads(Article article) {
        return reads(article.collection());
    }

    /** {@code requested} (outlet, dates) kept within these collections. */
    public ArticleFilter filter(ArticleFilter requested) {
        return collections == null ? requested : requested.within(collections);
    }

    /** The collections of both. */
    public Scope union(Scope other) {
        if (collections == null || other.collections == null) {
            return ALL;
        }
        Set<String> both = new TreeSet<>(collections);
        both.addAll(other.collections);
        return new Scope(both);
    }

    /** "all collections", or their names: for logs and greetings, never for another person. */
    @Override
    public String toString() {
        return collections == null ? "all collections" : String.join(", ", new TreeSet<>(collections));
    }
}
