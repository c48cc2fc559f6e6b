package dev.newsdesk.index;

import dev.newsdesk.ingest.Article;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an update has to do, from the content hashes a store holds ({@code old}) and the corpus now:
 * the articles to (re-)embed, of which {@code changed} were indexed before, and the files to remove.
 */
public record Changes(List<Article> toEmbed, int changed, List<String> removed, int unchanged) {

    public static Changes between(Map<String, String> old, List<Article> articles) {
        Map<String, String> now = hashes(articles);
        List<Article> toEmbed = articles.stream().filter(a -> !a.sha256().equals(old.get(a.file()))).toList();
        List<String> removed = old.keySet().stream().filter(f -> !now.containsKey(f)).toList();
        int changed = (int) toEmbed.stream().filter(a -> old.containsKey(a.file())).count();
        return new Changes(toEmbed, changed, removed, articles.size() - toEmbed.size());
    }

    /** The report of having done these changes, writing {@code chunks} chunks. */
    public IndexBuilder.Report report(boolean rebuilt, int chunks) {
        return new IndexBuilder.Report(toEmbed.size() - changed, changed, removed.size(), unchanged, rebuilt, chunks);
    }

    /** The content hash of each article's file. */
    public static Map<String, String> hashes(List<Article> articles) {
        Map<String, String> hashes = new HashMap<>();
        articles.forEach(a -> hashes.put(a.file(), a.sha256()));
        return hashes;
    }
}
