package dev.newsdesk.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.CorpusLoader;
import dev.newsdesk.ingest.HtmlArticle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Writes articles that arrive by API or feed into the corpus folder, which stays the one source of
 * truth: a restart, or another process, reads exactly what was added. Every write goes to a hidden
 * temporary file first and is then moved into place, so the folder watcher and a crash only ever see
 * a whole file or none. Names are made from the title and a hash of the content, so the same article
 * sent twice is one file.
 */
public final class ArticleStore {

    /**
     * An article as the API receives it; {@code published} is ISO-8601; only title and text are required.
     * It is written into the subfolder of its {@code collection} (a valid name), at the top for the default one.
     */
    public record NewArticle(String title, String text, String url, String source, String published, String author,
                             String collection) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SLUG_CHARS = 60;

    private final Path folder;

    public ArticleStore(Path folder) {
        this.folder = folder;
    }

    /** Writes {@code article} as Markdown with front matter; returns its file name ("regional/floods-1a2b3c4d5e.md"). */
    public String write(NewArticle article) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", article.title());
        fields.put("url", article.url());
        fields.put("source", article.source());
        fields.put("published", article.published());
        fields.put("author", article.author());
        StringBuilder text = new StringBuilder("---\n");
        fields.forEach((key, value) -> {
            if (value != null) {
                text.append(key).append(": ").append(quoted(value)).append('\n');
            }
        });
        text.append("---\n").append(article.text().strip()).append('\n');
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        return save(article.collection(), name(article.title(), bytes, ".md"), bytes);
    }

    /**
     * Writes a web page fetched from {@code url} (its bytes as served); a page that names no canonical link gets one, and a
     * page without a publication time gets {@code published} (from a feed) when known, so the stored
     * file alone says where and when it was published.
     */
    public String writeHtml(byte[] html, String url, String published, String collection) throws IOException {
        // The page's own charset (byte-order mark or meta tag, else UTF-8); stored as UTF-8, as the corpus reads.
        Document page = Jsoup.parse(new ByteArrayInputStream(html), null, url);
        page.charset(StandardCharsets.UTF_8);
        if (page.selectFirst("link[rel=canonical][href], meta[property=og:url][content]") == null) {
            page.head().appendElement("link").attr("rel", "canonical").attr("href", url);
        }
        if (published != null && page.selectFirst("meta[property=article:published_time][content]") == null) {
            page.head().appendElement("meta").attr("property", "article:published_time").attr("content", published);
        }
        byte[] bytes = page.outerHtml().getBytes(StandardCharsets.UTF_8);
        String title = HtmlArticle.read("page.html", page.outerHtml(), "", url).title();
        return save(collection, name(title, url.getBytes(StandardCharsets.UTF_8), ".html"), bytes);
    }

    /** True when a page fetched from {@code url} is stored already (feed items are named by their link). */
    public boolean hasPage(String url) {
        String suffix = "-" + hash(url.getBytes(StandardCharsets.UTF_8)) + ".html";
        try {
            return CorpusLoader.articleNames(folder).stream().anyMatch(name -> name.endsWith(suffix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes article file {@code file} (a name as the corpus gives it); false when there is none. */
    public boolean delete(String file) throws IOException {
        if (!CorpusLoader.isArticleKey(file) || file.contains("\\")) {
            return false;
        }
        return Files.deleteIfExists(folder.resolve(file));
    }

    private String save(String collection, String name, byte[] bytes) throws IOException {
        boolean top = collection == null || collection.equals(Article.Meta.DEFAULT_COLLECTION);
        Path into = top ? folder : Files.createDirectories(folder.resolve(collection));
        Path target = into.resolve(name);
        // Hidden: the corpus never reads a name that starts with a dot, so a crash leaves no half article.
        Path temporary = into.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return top ? name : collection + "/" + name;
    }

    /** "2024 floods: dams open" → "2024-floods-dams-open-1a2b3c4d5e.md": readable, and unique by content. */
    static String name(String title, byte[] identity, String extension) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > SLUG_CHARS) {
            slug = slug.substring(0, SLUG_CHARS).replaceAll("-+$", "");
        }
        return (slug.isEmpty() ? "article" : slug) + "-" + hash(identity) + extension;
    }

    private static String hash(byte[] bytes) {
        return CorpusLoader.sha256(bytes).substring(0, 10);
    }

    /** A JSON string is a valid YAML double-quoted scalar: quotes, colons and newlines survive. */
    private static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }
}
