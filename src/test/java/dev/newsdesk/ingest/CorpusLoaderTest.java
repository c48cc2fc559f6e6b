package dev.newsdesk.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsdesk.config.NewsdeskException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusLoaderTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final CorpusLoader loader = new CorpusLoader(warnings::add);

    @Test
    void reads_txt_and_md_files_keeping_their_exact_text_and_first_line_as_title() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "Title A\r\nBody “quoted” text.\n");
        Files.writeString(dir.resolve("b.md"), "\n  • Title B\nMore.");
        Files.writeString(dir.resolve("notes.csv"), "x,y");

        List<Article> articles = loader.load(dir);

        assertThat(articles).extracting(Article::file).containsExactly("a.txt", "b.md");
        assertThat(articles.get(0).text()).isEqualTo("Title A\r\nBody “quoted” text.\n");
        assertThat(articles.get(0).title()).isEqualTo("Title A");
        assertThat(articles.get(1).title()).isEqualTo("Title B");
        assertThat(articles.get(0).sha256()).hasSize(64);
    }

    @Test
    void skips_binary_and_non_utf_8_files_with_a_warning_and_keeps_the_rest() throws IOException {
        Files.writeString(dir.resolve("good.txt"), "Good\nText.");
        Files.write(dir.resolve("latin1.txt"), "Caf\u00e9 cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(dir.resolve("binary.txt"), new byte[] {'P', 'K', 0, 1, 2});

        List<Article> articles = loader.load(dir);

        assertThat(articles).extracting(Article::file).containsExactly("good.txt");
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("latin1.txt", "not UTF-8"))
                .anySatisfy(w -> assertThat(w).contains("binary.txt", "binary"));
    }

    @Test
    void a_link_to_a_file_outside_the_corpus_is_never_read_and_said_once(@TempDir Path elsewhere) throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.writeString(dir.resolve("real.txt"), "Real\nAn article.");
        Files.createSymbolicLink(dir.resolve("passwd.txt"), secret);
        Files.createSymbolicLink(dir.resolve("climb.txt"), Path.of("..", elsewhere.getFileName().toString(), "passwd"));
        Files.createSymbolicLink(dir.resolve("same.txt"), dir.resolve("real.txt"));

        List<Article> articles = loader.load(dir);

        assertThat(articles).extracting(Article::file).containsExactly("real.txt", "same.txt");
        assertThat(articles).extracting(Article::text).noneMatch(t -> t.contains("root:x"));
        assertThat(warnings).filteredOn(w -> w.contains("passwd.txt")).singleElement().asString().contains("outside the corpus");
        assertThat(warnings).filteredOn(w -> w.contains("climb.txt")).hasSize(1);
    }

    @Test
    void a_missing_folder_is_a_clear_error() {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope")))
                .isInstanceOf(NewsdeskException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("--corpus");
    }

    @Test
    void a_folder_without_articles_is_a_clear_error() throws IOException {
        Files.writeString(dir.resolve("empty.txt"), "   \n");
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(NewsdeskException.class)
                .hasMessageContaining("no readable .txt, .md or .html articles");
    }

    @Test
    void a_file_over_the_size_limit_is_skipped_unread_and_reported_with_what_to_do() throws IOException {
        SkippedArticles skipped = new SkippedArticles();
        CorpusLoader limited = new CorpusLoader(warnings::add, 1_000, skipped);
        Files.writeString(dir.resolve("small.txt"), "Small\nAn article.");
        Files.writeString(dir.resolve("huge.txt"), "Huge\n" + "x".repeat(2_000));

        assertThat(limited.load(dir)).extracting(Article::file).containsExactly("small.txt");
        assertThat(skipped.entries()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("huge.txt");
            assertThat(e.cut()).isFalse();
            assertThat(e.reason()).contains("NEWSDESK_MAX_ARTICLE_MB", "split it");
        });
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("huge.txt", "over the limit"));
    }

    @Test
    void every_skipped_file_is_recorded_and_taken_off_once_it_reads_whole_or_is_gone() throws IOException {
        SkippedArticles skipped = new SkippedArticles();
        CorpusLoader recording = new CorpusLoader(warnings::add, 1_000, skipped);
        Files.writeString(dir.resolve("good.txt"), "Good\nText.");
        Files.write(dir.resolve("latin1.txt"), "Caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(dir.resolve("binary.txt"), new byte[] {'P', 'K', 0, 1, 2});
        Files.writeString(dir.resolve("empty.txt"), "  \n");

        recording.load(dir);
        assertThat(skipped.entries()).extracting(SkippedArticles.Entry::file)
                .containsExactly("binary.txt", "empty.txt", "latin1.txt");
        assertThat(skipped.skippedCount()).isEqualTo(3);

        Files.writeString(dir.resolve("latin1.txt"), "Caf\u00e9\nNow UTF-8.");
        Files.delete(dir.resolve("binary.txt"));
        assertThat(recording.readOne(dir, "latin1.txt")).isPresent();
        assertThat(recording.readOne(dir, "binary.txt")).isEmpty();

        assertThat(skipped.entries()).extracting(SkippedArticles.Entry::file).containsExactly("empty.txt");
    }

    @Test
    void a_first_level_folder_is_a_collection_and_articles_at_the_top_belong_to_default() throws IOException {
        Files.writeString(dir.resolve("top.md"), "Top\nAn article.");
        Files.createDirectories(dir.resolve("Regional"));
        Files.writeString(dir.resolve("Regional/bus.md"), "---\ncollection: legal\n---\nBus\nA route.");
        Files.createDirectories(dir.resolve(".drafts"));
        Files.writeString(dir.resolve(".drafts/hidden.md"), "Hidden\nNot read.");
        Files.createDirectories(dir.resolve("regional/deeper"));
        Files.writeString(dir.resolve("regional/deeper/nested.md"), "Nested\nNot read.");

        List<Article> articles = loader.load(dir);

        assertThat(articles).extracting(Article::file, Article::collection)
                .containsExactly(tuple("Regional/bus.md", "regional"), tuple("top.md", "default"));
    }

    @Test
    void front_matter_names_the_collection_of_an_article_at_the_top() throws IOException {
        Files.writeString(dir.resolve("memo.md"), "---\ncollection: Investigations\n---\nMemo\nA memo.");

        assertThat(loader.load(dir)).singleElement().extracting(Article::collection).isEqualTo("investigations");
    }

    @Test
    void an_article_whose_collection_is_not_a_valid_name_is_skipped_saying_how_to_name_it() throws IOException {
        Files.writeString(dir.resolve("good.md"), "Good\nText.");
        Files.writeString(dir.resolve("bad.md"), "---\ncollection: the legal desk\n---\nBad\nText.");
        Files.createDirectories(dir.resolve("legal desk"));
        Files.writeString(dir.resolve("legal desk/memo.md"), "Memo\nText.");

        List<Article> articles = loader.load(dir);

        assertThat(articles).extracting(Article::file).containsExactly("good.md");
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("bad.md", "letters, digits"))
                .anySatisfy(w -> assertThat(w).contains("legal desk/memo.md", "rename"));
    }
}
