package dev.newsdesk.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A web page as an article: its main text, and the title, canonical link, publication time, outlet
 * and author from the page's own metadata (Open Graph, {@code article:published_time}, schema.org
 * JSON-LD). The article's text is the extracted text — title line, blank line, then one paragraph per
 * block — so quotes and offsets refer to it, not to the HTML.
 */
public final class HtmlArticle {

    /** Where the story is, most specific first; the whole body when a page marks none. */
    private static final List<String> CONTAINERS = List.of("[itemprop=articleBody]", "article", "main", "body");
    private static final String BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre";
    /** Page furniture around the story: menus, banners, share bars, forms, media. */
    private static final String FURNITURE = "script, style, noscript, template, nav, header, footer, aside, form,"
            + " button, figure, iframe, svg";

    private HtmlArticle() {
    }

    /** Reads {@code html}; relative links resolve against {@code pageUrl} (may be empty). */
    public static Article read(String file, String html, String sha256, String pageUrl) {
        Document page = Jsoup.parse(html, pageUrl);
        JsonLd ld = JsonLd.of(page);
        String declaredTitle = first(() -> meta(page, "property", "og:title"), () -> ld.text("headline"),
                () -> blankToNull(page.title()), () -> text(page.selectFirst("h1")));
        Article.Meta meta = new Article.Meta(declaredTitle,
                first(() -> link(page), () -> meta(page, "property", "og:url"), () -> ld.text("url")),
                first(() -> meta(page, "property", "og:site_name"), () -> ld.name("publisher")),
                Published.valid(first(() -> meta(page, "property", "article:published_time"),
                        () -> ld.text("datePublished"), () -> meta(page, "itemprop", "datePublished"))),
                first(() -> meta(page, "name", "author"), () -> ld.name("author")));
        List<String> blocks = blocks(page);
        String title = declaredTitle != null ? declaredTitle : blocks.isEmpty() ? "" : blocks.get(0);
        // The page's own headline above the story is the title line already.
        if (!blocks.isEmpty() && blocks.get(0).equals(title)) {
            blocks.remove(0);
        }
        StringBuilder text = new StringBuilder(title).append("\n\n");
        blocks.forEach(b -> text.append(b).append("\n\n"));
        return new Article(file, title, text.toString().strip() + "\n", sha256, meta, 0);
    }

    private static List<String> blocks(Document page) {
        Element container = CONTAINERS.stream().map(page::selectFirst).filter(e -> e != null)
                .findFirst().orElse(page.body()).clone();
        container.select(FURNITURE).remove();
        List<String> blocks = new ArrayList<>();
        for (Element block : container.select(BLOCKS)) {
            // A block holding other blocks (a quote of paragraphs, a list item with a paragraph) is
            // taken through its children, so no text appears twice.
            if (block.select(BLOCKS).size() == 1 && !block.text().isBlank()) {
                blocks.add(block.text());
            }
        }
        if (blocks.isEmpty() && !container.text().isBlank()) {
            blocks.add(container.text());
        }
        return blocks;
    }

    private static String link(Document page) {
        Element canonical = page.selectFirst("link[rel=canonical][href]");
        return canonical == null ? null : blankToNull(canonical.absUrl("href").isEmpty()
                ? canonical.attr("href") : canonical.absUrl("href"));
    }

    private static String meta(Document page, String attribute, String name) {
        Element meta = page.selectFirst("meta[" + attribute + "=" + name + "][content]");
        return meta == null ? null : blankToNull(meta.attr("content"));
    }

    private static String text(Element element) {
        return element == null ? null : blankToNull(element.text());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @SafeVarargs
    private static String first(Supplier<String>... candidates) {
        return Stream.of(candidates).map(Supplier::get).filter(s -> s != null).findFirst().orElse(null);
    }

    /** The page's schema.org article object, if it declares one in JSON-LD. */
    private record JsonLd(JsonNode article) {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final Set<String> ARTICLE_TYPES = Set.of("NewsArticle", "Article", "ReportageNewsArticle",
                "AnalysisNewsArticle", "BlogPosting", "WebPage");

        static JsonLd of(Document page) {
            for (Element script : page.select("script[type=application/ld+json]")) {
                Optional<JsonNode> found = parse(script.data()).flatMap(JsonLd::findArticle);
                if (found.isPresent()) {
                    return new JsonLd(found.get());
                }
            }
            return new JsonLd(null);
        }

        /** Pages get JSON-LD wrong often enough that a broken block only means "no metadata from it". */
        private static Optional<JsonNode> parse(String json) {
            try {
                return Optional.ofNullable(JSON.readTree(json));
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
        }

        private static Optional<JsonNode> findArticle(JsonNode node) {
            if (node.isArray()) {
                for (JsonNode item : node) {
                    Optional<JsonNode> found = findArticle(item);
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            }
            if (node.has("@graph")) {
                return findArticle(node.get("@graph"));
            }
            List<String> types = new ArrayList<>();
            JsonNode type = node.path("@type");
            if (type.isArray()) {
                type.forEach(t -> types.add(t.asText()));
            } else {
                types.add(type.asText());
            }
            return types.stream().anyMatch(ARTICLE_TYPES::contains) ? Optional.of(node) : Optional.empty();
        }

        String text(String field) {
            JsonNode value = article == null ? null : article.get(field);
            return value != null && value.isTextual() ? blankToNull(value.asText()) : null;
        }

        /** The name of a person or organisation field: a string, an object with a name, or the first of a list. */
        String name(String field) {
            JsonNode value = article == null ? null : article.get(field);
            if (value != null && value.isArray()) {
                value = value.size() > 0 ? value.get(0) : null;
            }
            if (value == null) {
                return null;
            }
            return blankToNull(value.isTextual() ? value.asText() : value.path("name").asText(null));
        }
    }
}
