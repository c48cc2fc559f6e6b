package dev.newsdesk.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.Corpus;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitationVerifierTest {

    private static final String TEXT = "Title 🚀\nRockets 🚀 fly far. Kirby said no.\n";
    private final CitationVerifier verifier = new CitationVerifier(new Corpus(List.of(new Article("a.txt", "Title 🚀", TEXT, "h"))));

    @Test
    void cites_in_code_points_so_text_after_an_emoji_still_slices_right() {
        int start = TEXT.indexOf("Kirby");
        Citation c = verifier.cite(1, "a.txt", start, start + "Kirby said no.".length()).orElseThrow();

        assertThat(c.quote()).isEqualTo("Kirby said no.");
        assertThat(c.start()).isEqualTo(start - 2);
        int[] cps = TEXT.codePoints().toArray();
        assertThat(new String(cps, c.start(), c.end() - c.start())).isEqualTo(c.quote());
        assertThat(verifier.isVerbatim(c)).isTrue();
    }

    @Test
    void drops_citations_that_do_not_quote_the_file_and_renumbers_the_rest() {
        Citation good = verifier.cite(2, "a.txt", TEXT.indexOf("Kirby"), TEXT.indexOf("no.") + 3).orElseThrow();
        Citation forged = new Citation(1, "a.txt", "Title", "Rockets are made of cheese.", 9, 36);
        Citation unknownFile = new Citation(3, "b.txt", "B", "x", 0, 1);
        Answer answer = new Answer("Cheese [1]. Kirby said no [2]. Elsewhere [3][42].", false,
                List.of(forged, good, unknownFile), Answer.LLM, 0, null, null, null);

        Answer verified = verifier.verify(answer);

        assertThat(verified.citations()).extracting(Citation::n, Citation::quote).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "Kirby said no."));
        assertThat(verified.answer()).isEqualTo("Cheese. Kirby said no [1]. Elsewhere.");
    }

    @Test
    void out_of_range_offsets_are_not_cited() {
        assertThat(verifier.cite(1, "a.txt", 5, 10_000)).isEmpty();
        assertThat(verifier.cite(1, "missing.txt", 0, 3)).isEmpty();
    }

    @Test
    void a_citation_carries_the_outlet_link_and_date_of_its_article_when_known() {
        String text = "---\nsource: Example Herald\n---\nTitle\nThe gates opened last month.\n";
        Article dated = new Article("d.md", "Title", text, "h", new Article.Meta(null, "https://example.org/d",
                "Example Herald", "2024-05-22", null), text.indexOf("Title"));
        CitationVerifier withMeta = new CitationVerifier(new Corpus(List.of(dated, new Article("a.txt", "Title 🚀", TEXT, "h"))));

        Citation c = withMeta.cite(1, "d.md", text.indexOf("The gates"), text.length() - 1).orElseThrow();
        Citation plain = withMeta.cite(2, "a.txt", 0, 5).orElseThrow();

        assertThat(c.source()).isEqualTo("Example Herald");
        assertThat(c.url()).isEqualTo("https://example.org/d");
        assertThat(c.published()).isEqualTo("2024-05-22");
        assertThat(plain.source()).isNull();
        assertThat(plain.published()).isNull();
    }
}
