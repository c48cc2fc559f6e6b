package dev.newsdesk.ingest;

/**
 * One source file as read from disk. {@code text} is the exact file content: every offset in the
 * project points into it, so quotes can be checked with {@code text.substring(start, end)}.
 */
public record Article(String file, String title, String text, String sha256) {
}
