package dev.newsdesk.ingest;

import java.time.Instant;
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
     * {@code published} is ISO-8601 as given, a date or a date-time; never guessed.
     */
    public record Meta(String title, String url, String source, String published, String author) {

        public static final Meta NONE = new Meta(null, null, null, null, null);

        private static final Pattern WEB_LINK = Pattern.compile("(?i)https?://[^\\s<>\"|]+");

        /** Only web links are kept: a front end links the url, and "javascript:" must never be one. */
        public Meta {
            url = url != null && WEB_LINK.matcher(url.strip()).matches() ? url.strip() : null;
        }

        /** The publication time, a bare date counting as its start in UTC; empty when unknown. */
        public Optional<Instant> publishedAt() {
            return Published.parse(published);
        }
    }

    /** An article without metadata, its whole text the body. */
    public Article(String file, String title, String text, String sha256) {
        this(file, title, text, sha256, Meta.NONE, 0);
    }
}
