package dev.newsdesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.app.Engine;
import dev.newsdesk.index.ArticleFilter;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.index.StoredChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small archive of two collections, written for the access tests: two harbour reports at the top
 * ({@code default}), and an investigations memo in {@code investigations/} holding facts found nowhere
 * else — a company, a port director, a month — and one statement a harbour report makes too. The access file lets everyone signed in read {@code default}
 * and the group {@code investigations-desk} read {@code investigations} too.
 */
public final class TwoCollections implements AutoCloseable {

    public static final String MEMO = "investigations/dredging-memo.md";
    public static final String MEMO_TITLE = "Dredging contract memo";
    public static final String MEMO_OUTLET = "Night Desk Wire";
    public static final String GROUP = "investigations-desk";
    /** Words of the memo that no article of {@code default} has: none may reach someone who cannot read it. */
    public static final Set<String> MEMO_ONLY = Set.of("dredging", "korvath", "marine", "tender", "memo", "zoltan",
            "brack", "director", "night", "desk", "wire", "2031-07-09", "july");

    public final Path corpus = TestEngines.tempDir("two-collections");
    public final Path accessFile = TestEngines.tempDir("two-collections-access").resolve("access.yaml");
    public final Engine engine;

    public TwoCollections(Map<String, String> env) {
        try {
            Files.writeString(corpus.resolve("ferry.md"), """
                    ---
                    title: Ferry timetable set
                    source: Valley Herald
                    published: 2031-01-05
                    ---
                    Ferry timetable set

                    The ferry will run hourly from spring, the harbour board said. Harbour master Tomas Reyes said \
                    the new timetable starts in March. Reyes said the harbour expects more visitors this year.
                    """);
            Files.writeString(corpus.resolve("fares.md"), """
                    ---
                    title: Ferry fares rise
                    source: Coast Courier
                    published: 2031-04-18
                    ---
                    Ferry fares rise

                    A return ticket on the ferry will cost more from May, the operator said. The operator said \
                    fuel prices drove the rise.
                    """);
            Files.createDirectories(corpus.resolve("investigations"));
            Files.writeString(corpus.resolve(MEMO), """
                    ---
                    title: Dredging contract memo
                    source: Night Desk Wire
                    published: 2031-07-09
                    ---
                    Dredging contract memo

                    The dredging contract went to Korvath Marine without a tender, the memo shows. Port director \
                    Zoltan Brack signed the contract in July, according to the memo. Brack said the harbour could \
                    not wait for a tender. The ferry will run hourly from spring, the harbour board said.
                    """);
            Files.writeString(accessFile, """
                    everyone: [default]
                    groups:
                      investigations-desk: [investigations]
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        engine = Engine.start(TestEngines.settings(corpus, TestEngines.tempDir("two-collections-index"), env(env)),
                line -> { }, (done, total, file) -> { });
    }

    /** The settings of a server over this archive: its access file, and {@code env}. */
    public Map<String, String> env(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("NEWSDESK_ACCESS_FILE", accessFile.toString());
        return all;
    }

    /** Questions whose answers are in the memo alone. */
    public static List<String> memoQuestions() {
        return List.of("Who signed the dredging contract?", "Which company got the dredging contract?");
    }

    /**
     * Checks that {@code store}, holding this archive, searches within the collections a filter names: BM25,
     * kNN and the term search behind "N reports agree" alike, the filter applied inside the search.
     */
    public static void assertSearchesKeepWithin(ChunkStore store) {
        ArticleFilter outside = ArticleFilter.NONE.within(Set.of("default"));
        ArticleFilter inside = ArticleFilter.NONE.within(Set.of("investigations"));
        List<String> terms = store.terms("dredging contract Korvath ferry harbour");
        float[] memo = store.byIds(List.of(MEMO + "#0")).get(0).sentenceVectors().get(0);

        assertThat(store.anyOf(terms, 10, ArticleFilter.NONE)).extracting(ChunkStore.Hit::file).contains(MEMO, "ferry.md");
        assertThat(store.anyOf(terms, 10, outside)).extracting(ChunkStore.Hit::file).isNotEmpty().doesNotContain(MEMO);
        assertThat(store.anyOf(terms, 10, inside)).extracting(ChunkStore.Hit::file).containsOnly(MEMO);
        assertThat(store.knn(memo, 10, ArticleFilter.NONE)).extracting(ChunkStore.Hit::file).contains(MEMO);
        assertThat(store.knn(memo, 10, outside)).extracting(ChunkStore.Hit::file).isNotEmpty().doesNotContain(MEMO);
        assertThat(store.knn(memo, 10, inside)).extracting(ChunkStore.Hit::file).containsOnly(MEMO);
        assertThat(store.textsWithAnyOf(terms, 10, outside)).extracting(StoredChunk::file).doesNotContain(MEMO);
        assertThat(store.anyOf(terms, 10, ArticleFilter.NONE.within(Set.of()))).as("no collection at all").isEmpty();
    }

    @Override
    public void close() throws IOException {
        engine.close();
    }
}
