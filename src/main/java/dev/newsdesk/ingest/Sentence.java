package dev.newsdesk.ingest;

/** A sentence of an article: {@code text} is {@code article.text().substring(start, end)}. */
public record Sentence(String file, int start, int end, String text) {
}
