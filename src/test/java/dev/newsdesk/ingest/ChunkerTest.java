package dev.newsdesk.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    private final Chunker chunker = new Chunker(new Cleaner(), new SentenceSplitter(), 3, 1);

    @Test
    void chunks_overlap_by_one_sentence_and_every_offset_quotes_the_original_file() throws IOException {
        for (Article article : new CorpusLoader(w -> { }).load(Path.of("seeds"))) {
            List<Chunk> chunks = chunker.chunk(article);
            assertThat(chunks).isNotEmpty();
            for (int i = 0; i < chunks.size(); i++) {
                Chunk chunk = chunks.get(i);
                assertThat(chunk.id()).isEqualTo(article.file() + "#" + i);
                assertThat(chunk.sentences()).hasSizeBetween(1, 3);
                chunk.sentences().forEach(s -> assertThat(article.text().substring(s.start(), s.end())).isEqualTo(s.text()));
                if (i > 0) {
                    List<Sentence> previous = chunks.get(i - 1).sentences();
                    assertThat(chunk.sentences().get(0)).isEqualTo(previous.get(previous.size() - 1));
                }
            }
        }
    }

    @Test
    void the_headline_opens_the_first_chunk_and_a_caption_printed_twice_is_chunked_once() throws IOException {
        Article article = new CorpusLoader(w -> { }).load(Path.of("seeds")).get(4);
        assertThat(chunker.chunk(article).get(0).sentences().get(0).text()).endsWith(article.title());
        String caption = "Ukrainian soldiers carry the coffin of Ukrainian serviceman who was killed in the Donetsk region";
        assertThat(article.text().split(caption, -1)).as("printed twice in the file").hasSize(3);
        assertThat(chunker.sentences(article)).filteredOn(s -> s.text().equals(caption)).hasSize(1);
    }

    @Test
    void an_article_past_the_sentence_budget_keeps_its_first_sentences_and_is_reported_as_cut() {
        SkippedArticles skipped = new SkippedArticles();
        Chunker budgeted = new Chunker(new Cleaner(), new SentenceSplitter(), 3, 1, 5, skipped);
        StringBuilder text = new StringBuilder("Title line\n");
        for (int i = 1; i <= 12; i++) {
            text.append("The board voted on plan ").append(i).append(" today. ");
        }
        Article article = new Article("long.txt", "Title line", text.toString(), "0".repeat(64));

        List<Sentence> sentences = budgeted.sentences(article);

        assertThat(sentences).hasSize(5);
        assertThat(sentences.get(4).text()).isEqualTo("The board voted on plan 4 today.");
        assertThat(skipped.entries()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("long.txt");
            assertThat(e.cut()).isTrue();
            assertThat(e.reason()).contains("5 sentences", "NEWSDESK_MAX_ARTICLE_SENTENCES");
        });
    }

    @Test
    void an_article_within_the_budget_is_not_reported_even_if_an_earlier_version_was_cut() {
        SkippedArticles skipped = new SkippedArticles();
        skipped.cut("short.txt", "more than 5 sentences");
        Chunker budgeted = new Chunker(new Cleaner(), new SentenceSplitter(), 3, 1, 5, skipped);
        Article article = new Article("short.txt", "Title line", "Title line\nOne thing happened. Then another.\n",
                "0".repeat(64));

        assertThat(budgeted.sentences(article)).hasSize(3);
        assertThat(skipped.entries()).isEmpty();
    }
}
