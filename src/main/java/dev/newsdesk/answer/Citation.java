package dev.newsdesk.answer;

/**
 * A numbered source of an answer. {@code quote} is exactly the cited file's text from {@code start} to
 * {@code end}, counted in Unicode code points of the file as read from disk (UTF-8) — the way Python
 * slices strings and JavaScript's {@code Array.from(text)} indexes them.
 */
public record Citation(int n, String file, String title, String quote, int start, int end) {

    Citation renumbered(int newN) {
        return new Citation(newN, file, title, quote, start, end);
    }
}
