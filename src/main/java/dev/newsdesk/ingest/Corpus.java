package dev.newsdesk.ingest;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The loaded articles by file name (the citation key), in file-name order. Live ingestion changes it
 * while questions are answered: every change swaps in a new immutable map, so a reader sees one
 * version throughout (never half a batch) and never takes a lock. Thread-safe.
 */
public final class Corpus {

    private volatile SortedMap<String, Article> byFile;

    public Corpus(List<Article> articles) {
        TreeMap<String, Article> map = new TreeMap<>();
        articles.forEach(a -> map.put(a.file(), a));
        byFile = Collections.unmodifiableSortedMap(map);
    }

    public Optional<Article> article(String file) {
        return Optional.ofNullable(byFile.get(file));
    }

    /** The articles as of now; later changes do not show in it. Every change makes a new collection, so its identity tells one. */
    public Collection<Article> articles() {
        return byFile.values();
    }

    public List<Article> asList() {
        return List.copyOf(byFile.values());
    }

    /** Adds or replaces {@code upserts} and drops {@code removed}, as one change. */
    public synchronized void apply(Collection<Article> upserts, Collection<String> removed) {
        TreeMap<String, Article> map = new TreeMap<>(byFile);
        removed.forEach(map::remove);
        upserts.forEach(a -> map.put(a.file(), a));
        byFile = Collections.unmodifiableSortedMap(map);
    }
}
