package dev.newsdesk.ingest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The articles that ingestion left out, or cut short, and why: a file over the size limit, one that is not
 * UTF-8 text, one with more sentences than an article may have. /health, /metrics and the log report them.
 * A file that later reads as text, is chunked whole, or is gone is taken off the list. Thread-safe.
 */
public final class SkippedArticles {

    /** One file: {@code cut} when its first part was indexed, otherwise none of it was. */
    public record Entry(String file, String reason, boolean cut) {
    }

    private final Map<String, Entry> entries = new ConcurrentSkipListMap<>();

    public void skipped(String file, String reason) {
        entries.put(file, new Entry(file, reason, false));
    }

    public void cut(String file, String reason) {
        entries.put(file, new Entry(file, reason, true));
    }

    /** {@code file} was read as text: it is not skipped (whether it is cut is for the chunker to say). */
    public void readable(String file) {
        entries.computeIfPresent(file, (f, entry) -> entry.cut() ? entry : null);
    }

    /** {@code file} was chunked whole, or is gone: nothing to report about it any more. */
    public void clear(String file) {
        entries.remove(file);
    }

    /** Every entry, by file name. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public long skippedCount() {
        return entries.values().stream().filter(e -> !e.cut()).count();
    }

    public long cutCount() {
        return entries.values().stream().filter(Entry::cut).count();
    }
}
