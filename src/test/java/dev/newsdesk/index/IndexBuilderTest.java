package dev.newsdesk.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsdesk.TestEngines;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.Chunker;
import dev.newsdesk.ingest.Cleaner;
import dev.newsdesk.ingest.CorpusLoader;
import dev.newsdesk.ingest.SentenceSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexBuilderTest {

    @TempDir
    Path corpus;
    @TempDir
    Path indexDir;

    private final List<String> log = new ArrayList<>();
    private IndexBuilder builder;

    @BeforeEach
    void copySeeds() throws IOException {
        try (Stream<Path> seeds = Files.list(Path.of("seeds"))) {
            for (Path seed : seeds.toList()) {
                Files.copy(seed, corpus.resolve(seed.getFileName()));
            }
        }
        builder = new IndexBuilder(indexDir, new Chunker(new Cleaner(), new SentenceSplitter(), 3, 1),
                Embedder.named("all-minilm-l6-v2-q"), log::add);
    }

    private List<Article> articles() {
        return new CorpusLoader(log::add).load(corpus);
    }

    private static long chunksOf(ChunkIndex index, String file) {
        return index.chunkCount(file);
    }

    @Test
    void a_second_update_with_nothing_changed_embeds_nothing() {
        IndexBuilder.Report first = builder.update(articles(), (d, t, f) -> { });
        assertThat(first.added()).isEqualTo(5);
        assertThat(first.rebuilt()).isTrue();
        assertThat(builder.isCurrent(articles())).isTrue();

        IndexBuilder.Report second = builder.update(articles(), (d, t, f) -> { });
        assertThat(second.added() + second.changed() + second.removed()).isZero();
        assertThat(second.rebuilt()).isFalse();
        assertThat(second.unchanged()).isEqualTo(5);
        assertThat(second.chunks()).isZero();
    }

    @Test
    void re_embeds_only_a_changed_file_and_deletes_the_chunks_of_a_removed_one() throws IOException {
        builder.update(articles(), (d, t, f) -> { });
        Files.writeString(corpus.resolve("003_0bb1e9a035e83043.txt"),
                "Short version\nBlinken spoke about weapons for Ukraine. Russia objected.\n");
        Files.delete(corpus.resolve("000_41b7cba08cfcfee1.txt"));

        IndexBuilder.Report report = builder.update(articles(), (d, t, f) -> { });

        assertThat(report.changed()).isEqualTo(1);
        assertThat(report.removed()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(3);
        assertThat(report.chunks()).isEqualTo(1);
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            assertThat(chunksOf(index, "000_41b7cba08cfcfee1.txt")).isZero();
            assertThat(chunksOf(index, "003_0bb1e9a035e83043.txt")).isEqualTo(1);
            assertThat(chunksOf(index, "001_8c75088e5995e160.txt")).isGreaterThan(5);
        }
    }

    @Test
    void an_index_built_with_another_model_is_rebuilt_with_a_log_line() {
        IndexBuilder other = new IndexBuilder(indexDir, new Chunker(new Cleaner(), new SentenceSplitter(), 3, 1),
                Embedder.named("bge-small-en-v1.5-q"), log::add);
        other.update(articles(), (d, t, f) -> { });

        IndexBuilder.Report report = builder.update(articles(), (d, t, f) -> { });

        assertThat(report.rebuilt()).isTrue();
        assertThat(report.added()).isEqualTo(5);
        assertThat(log).anySatisfy(l -> assertThat(l).contains("bge-small-en-v1.5-q", "rebuilding"));
    }

    @Test
    void a_corrupt_index_is_rebuilt_from_the_corpus() throws IOException {
        builder.update(articles(), (d, t, f) -> { });
        try (Stream<Path> files = Files.list(indexDir)) {
            for (Path file : files.filter(p -> !p.getFileName().toString().equals("write.lock")).toList()) {
                Files.write(file, new byte[] {1, 2, 3, 4});
            }
        }

        IndexBuilder.Report report = builder.update(articles(), (d, t, f) -> { });

        assertThat(report.rebuilt()).isTrue();
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            assertThat(index.chunkCount()).isGreaterThan(50);
        }
    }

    @Test
    void an_update_that_dies_part_way_resumes_from_its_last_checkpoint() throws IOException {
        IndexBuilder checkpointing = new IndexBuilder(indexDir, new Chunker(new Cleaner(), new SentenceSplitter(), 3, 1),
                Embedder.named("all-minilm-l6-v2-q"), log::add, new IndexBuilder.Checkpoints(2, Duration.ofHours(1)));
        assertThatThrownBy(() -> checkpointing.update(articles(), (done, total, file) -> {
            if (done == 3) {
                throw new IllegalStateException("killed while embedding the 4th file");
            }
        })).hasMessageContaining("killed");
        List<String> embedded = new ArrayList<>();

        IndexBuilder.Report resumed = builder.update(articles(), (done, total, file) -> embedded.add(file));

        assertThat(resumed.rebuilt()).isFalse();
        assertThat(resumed.unchanged()).as("the two files of the last checkpoint").isEqualTo(2);
        assertThat(resumed.added()).isEqualTo(3);
        assertThat(builder.isCurrent(articles())).isTrue();
        try (ChunkIndex index = ChunkIndex.open(indexDir)) {
            long total = articles().stream().mapToLong(a -> chunksOf(index, a.file())).sum();
            assertThat(index.chunkCount()).as("no chunk twice, none missing").isEqualTo(total).isGreaterThan(50);
        }
    }

    @Test
    void a_segment_damaged_in_the_middle_is_refused_when_the_index_is_opened() throws IOException {
        builder.update(articles(), (d, t, f) -> { });
        TestEngines.damageLargestFile(indexDir);

        assertThatThrownBy(() -> ChunkIndex.open(indexDir)).isInstanceOf(CorruptIndexException.class);
    }

    @Test
    void a_locked_index_is_a_clear_error() throws IOException {
        builder.update(articles(), (d, t, f) -> { });
        Files.writeString(corpus.resolve("new.txt"), "New\nSomething new happened today.\n");
        try (FSDirectory dir = FSDirectory.open(indexDir); Lock lock = dir.obtainLock("write.lock")) {
            assertThatThrownBy(() -> builder.update(articles(), (d, t, f) -> { }))
                    .isInstanceOf(NewsdeskException.class)
                    .hasMessageContaining("locked by another newsdesk process");
        }
    }
}
