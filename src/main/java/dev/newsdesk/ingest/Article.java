package dev.newsdesk.ingest;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One source file as read from disk. {@code text} is the exact file content (for an HTML page: the text
 * extracted from it): every offset in the project points into it, so quotes can be checked with
 * {@code text.substring(start, end)}. The article's own words start at {@code bodyStart}; before it is
 * the front matter, which belongs to the file but is not reporting.
 */
public record Article(String file, String title, String text, String sha256, Meta meta, int bodyStart) {

    /**
     * What the file says about itself (front matter or page metadata); every field may be null.
     * {@code title} is the declared title only: without one the first line of the body is the title.
     * {@code published} is ISO-8601 as given, a date or a date-time; never guessed. {@code collection}
     * is the part of the archive the article belongs to ({@link #DEFAULT_COLLECTION} unless it says
     * otherwise), a {@linkplain #collectionName valid name}, lower-cased: who may read it depends on it.
     */
    public record Meta(String title, String url, String source, String published, String author, String collection) {

        public static final String DEFAULT_COLLECTION = "default";
        // Before NONE, which the constructor checks against them.
        private static final Pattern WEB_LINK = Pattern.compile("(?i)https?://[^\\s<>\"|]+");
        private static final Pattern COLLECTION = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

        public static final Meta NONE = new Meta(null, null, null, null, null);

        /**
         * Only web links are kept: a front end links the url, and "javascript:" must never be one. A
         * collection that is not a valid name is refused rather than read as another collection.
         */
        public Meta {
            url = url != null && WEB_LINK.matcher(url.strip()).matches() ? url.strip() : null;
            collection = collectionName(collection == null || collection.isBlank() ? DEFAULT_COLLECTION : collection)
                    .orElseThrow(() -> new IllegalArgumentException("not a collection name"));
        }

        /** Metadata of the default collection. */
        public Meta(String title, String url, String source, String published, String author) {
            this(title, url, source, published, author, null);
        }

        /** The same metadata, the article in {@code name}'s collection (a valid name). */
        public Meta inCollection(String name) {
            return new Meta(title, url, source, published, author, name);
        }

        /**
         * {@code name} as a collection's name: stripped and lower-cased, 1 to 64 letters, digits, '-' or
         * '_', starting with a letter or digit; empty when it cannot be one.
         */
        public static Optional<String> collectionName(String name) {
            String lower = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
            return COLLECTION.matcher(lower).matches() ? Optional.of(lower) : Optional.empty();
        }

        /** The publication time, a bare date counting as its start in UTC; empty when unknown. */
        public Optional<Instant> publishedAt() {
            return Published.parse(published);
        }
    }

    /** The collection the article belongs to. */
    public String collection() {
        return meta.collection();
    }

    /** The same article in collection {@code name} (a valid name). */
    public Article inCollection(String name) {
        return new Article(file, title, text, sha256, meta.inCollection(name), bodyStart);
    }

    /** An article without metadata, its whole text the body. */
    public Article(String file, String title, String text, String sha256) {
        this(file, title, text, sha256, Meta.NONE, 0);
    }
}
