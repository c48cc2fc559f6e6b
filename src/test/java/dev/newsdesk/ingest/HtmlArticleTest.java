package dev.newsdesk.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlArticleTest {

    static final String PAGE = """
            <!doctype html><html><head>
            <title>Bridge reopens | Example Gazette</title>
            <meta property="og:title" content="Bridge reopens after repairs">
            <meta property="og:site_name" content="Example Gazette">
            <meta property="article:published_time" content="2024-06-03T08:00:00Z">
            <link rel="canonical" href="/2024/06/03/bridge">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
              "headline":"ignored, og:title wins","author":[{"@type":"Person","name":"Rui Reporter"}]}</script>
            </head><body>
            <nav><ul><li>Home</li><li>World</li></ul></nav>
            <article><h1>Bridge reopens after repairs</h1>
            <p>The bridge reopened on Monday after &amp; three months of repairs.</p>
            <figure><figcaption>Photo credit line</figcaption></figure>
            <blockquote><p>"It is safe," the city engineer said.</p></blockquote>
            <aside>Read more: unrelated story</aside>
            </article><footer>Copyright</footer></body></html>
            """;

    @TempDir
    Path dir;

    @Test
    void reads_the_main_text_and_the_pages_own_metadata() throws IOException {
        Files.writeString(dir.resolve("bridge.html"), PAGE);

        Article article = new CorpusLoader(w -> { }).readOne(dir, "bridge.html").orElseThrow();

        assertThat(article.title()).isEqualTo("Bridge reopens after repairs");
        assertThat(article.text()).isEqualTo("Bridge reopens after repairs\n\n"
                + "The bridge reopened on Monday after & three months of repairs.\n\n"
                + "\"It is safe,\" the city engineer said.\n");
        assertThat(article.meta().source()).isEqualTo("Example Gazette");
        assertThat(article.meta().published()).isEqualTo("2024-06-03T08:00:00Z");
        assertThat(article.meta().author()).isEqualTo("Rui Reporter");
        assertThat(article.meta().url()).as("a relative canonical link without a page URL cannot be resolved").isNull();
    }

    @Test
    void resolves_the_canonical_link_against_the_page_address_and_falls_back_to_json_ld() {
        String page = """
                <html><head><link rel="canonical" href="/story"><script type="application/ld+json">
                [{"@type":"WebSite"},{"@graph":[{"@type":["NewsArticle"],"headline":"From JSON-LD",
                "datePublished":"2024-02-29","publisher":{"name":"Graph Times"}}]}]</script></head>
                <body><p>Only paragraph here, with enough words.</p></body></html>""";

        Article article = HtmlArticle.read("s.html", page, "h", "https://graph.example.com/a/b");

        assertThat(article.meta()).isEqualTo(new Article.Meta("From JSON-LD", "https://graph.example.com/story",
                "Graph Times", "2024-02-29", null));
    }

    @Test
    void quotes_are_slices_of_the_extracted_text_headline_included() throws IOException {
        Files.writeString(dir.resolve("bridge.html"), PAGE);
        Article article = new CorpusLoader(w -> { }).readOne(dir, "bridge.html").orElseThrow();

        List<Sentence> sentences = new Chunker(new Cleaner(), new SentenceSplitter(), 3, 1).sentences(article);

        assertThat(sentences).extracting(Sentence::text).containsExactly(
                "Bridge reopens after repairs",
                "The bridge reopened on Monday after & three months of repairs.",
                "\"It is safe,\" the city engineer said.");
        assertThat(sentences).allSatisfy(s -> assertThat(article.text().substring(s.start(), s.end())).isEqualTo(s.text()));
    }
}
