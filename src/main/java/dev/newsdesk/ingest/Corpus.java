package dev.newsdesk.ingest;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The loaded articles by file name (the citation key), in file-name order. Immutable. */
public final class Corpus {

    private final Map<String, Article> byFile = new LinkedHashMap<>();

    public Corpus(List<Article> articles) {
        articles.forEach(a -> byFile.put(a.file(), a));
    }

    public Optional<Article> article(String file) {
        return Optional.ofNullable(byFile.get(file));
    }

    public Collection<Article> articles() {
        return byFile.values();
    }

    public List<Article> asList() {
        return List.copyOf(byFile.values());
    }
}
