package dev.newsdesk.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontMatterTest {

    private static final String FRONT = """
            ---
            title: "Dam on the river: the new flood gates open"
            url: https://news.example.org/2024/05/22/flood-gates
            source: The Example Herald
            published: 2024-05-22T09:30:00+02:00
            author: Ana Writer
            tags: [ignored]
            ---
            The flood gates opened on Wednesday after last month's storms. Engineers said the water level fell by two metres.
            """;

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private Article load(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
        return new CorpusLoader(warnings::add).readOne(dir, name).orElseThrow();
    }

    @Test
    void reads_title_link_outlet_date_and_author_from_the_front_matter() throws IOException {
        Article article = load("a.md", FRONT);

        assertThat(article.title()).isEqualTo("Dam on the river: the new flood gates open");
        assertThat(article.meta()).isEqualTo(new Article.Meta("Dam on the river: the new flood gates open",
                "https://news.example.org/2024/05/22/flood-gates", "The Example Herald", "2024-05-22T09:30:00+02:00",
                "Ana Writer"));
        assertThat(article.meta().publishedAt()).hasValueSatisfying(at -> assertThat(at).hasToString("2024-05-22T07:30:00Z"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void keeps_the_exact_file_text_but_indexes_only_the_body() throws IOException {
        Article article = load("a.md", FRONT);
        List<Sentence> sentences = new Chunker(new Cleaner(), new SentenceSplitter(), 3, 1).sentences(article);

        assertThat(article.text()).isEqualTo(FRONT);
        assertThat(article.bodyStart()).isEqualTo(FRONT.indexOf("The flood gates"));
        assertThat(sentences).extracting(Sentence::text).containsExactly(
                "The flood gates opened on Wednesday after last month's storms.",
                "Engineers said the water level fell by two metres.");
        assertThat(sentences).allSatisfy(s -> assertThat(FRONT.substring(s.start(), s.end())).isEqualTo(s.text()));
    }

    @Test
    void without_front_matter_the_first_line_is_the_title_and_the_date_is_unknown() throws IOException {
        Article article = load("b.txt", "Plain title\nBody sentence published 2024-01-01 in print.\n");

        assertThat(article.title()).isEqualTo("Plain title");
        assertThat(article.meta()).isEqualTo(Article.Meta.NONE);
        assertThat(article.meta().publishedAt()).isEmpty();
    }

    @Test
    void a_date_that_is_not_iso_is_unknown_with_a_warning_and_a_bare_date_is_kept_as_given() throws IOException {
        Article vague = load("c.md", "---\npublished: last Tuesday\n---\nTitle line\nBody.\n");
        Article day = load("d.md", "---\npublished: 2024-03-01\nurl: javascript:alert(1)\n---\nTitle line\nBody.\n");

        assertThat(vague.meta().published()).isNull();
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("c.md", "last Tuesday", "not an ISO date"));
        assertThat(vague.title()).isEqualTo("Title line");
        assertThat(day.meta().published()).isEqualTo("2024-03-01");
        assertThat(day.meta().url()).as("only web links are kept").isNull();
    }

    @Test
    void broken_yaml_is_reported_and_the_body_still_read() throws IOException {
        Article article = load("e.md", "---\ntitle: [unclosed\n---\nReal title\nBody sentence here.\n");

        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("e.md", "not valid YAML"));
        assertThat(article.title()).isEqualTo("Real title");
        assertThat(article.bodyStart()).isEqualTo(article.text().indexOf("Real title"));
    }

    @Test
    void formats_the_publication_day_as_a_reader_writes_it_in_the_outlets_own_time_zone() {
        assertThat(Published.day("2024-05-22T23:30:00-05:00")).isEqualTo("22 May 2024");
        assertThat(Published.day("2024-05-22")).isEqualTo("22 May 2024");
        assertThat(Published.day(null)).isNull();
    }
}
