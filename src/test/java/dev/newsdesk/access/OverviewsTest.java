package dev.newsdesk.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import dev.newsdesk.ingest.Article;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What the archive holds, as someone of a scope sees it: counts, outlets, dates, headlines, checked examples. */
class OverviewsTest {

    private static Engine engine;

    /** Two collections: the harbour's reports at the top (default), the council's in a folder of their own. */
    @BeforeAll
    static void start() throws Exception {
        Path corpus = TestEngines.tempDir("overview-corpus");
        Files.writeString(corpus.resolve("old.md"), "---\ntitle: Ferry timetable set\nsource: Valley Herald\npublished: 2031-01-05\n---\n"
                + "Ferry timetable set\n\nThe ferry will run hourly from spring, the harbour board said.\n");
        Files.writeString(corpus.resolve("new.md"), "---\ntitle: Ferry fares rise\nsource: Coast Courier\npublished: 2031-04-18\n---\n"
                + "Ferry fares rise\n\nA return ticket on the ferry will cost more from May, the operator said.\n");
        Files.createDirectories(corpus.resolve("council"));
        Files.writeString(corpus.resolve("council/budget.md"), "---\ntitle: Council budget leak\nsource: Town Ledger\n"
                + "published: 2031-06-02\n---\nCouncil budget leak\n\nTreasurer Ingrid Falk said the lighthouse fund"
                + " will be cut by half next year. Ingrid Falk said the vote is in June.\n");
        engine = Engine.start(TestEngines.settings(corpus, TestEngines.tempDir("overview-index"), Map.of()), s -> { },
                (d, t, f) -> { });
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    @Test
    void outlets_and_the_date_range_come_from_the_articles_metadata_newest_headline_first() {
        Overviews.Overview overview = Overviews.compute(engine, Scope.of(Set.of("default")));

        assertThat(overview.articles()).isEqualTo(2);
        assertThat(overview.outlets()).containsExactly("Coast Courier", "Valley Herald");
        assertThat(overview.from()).isEqualTo("2031-01-05");
        assertThat(overview.to()).isEqualTo("2031-04-18");
        assertThat(overview.headlines()).extracting(Overviews.Headline::file).containsExactly("new.md", "old.md");
    }

    @Test
    void a_scope_sees_nothing_of_a_collection_it_may_not_read() {
        Overviews.Overview outside = Overviews.compute(engine, Scope.of(Set.of("default")));
        Overviews.Overview inside = Overviews.compute(engine, Scope.of(Set.of("council")));

        assertThat(outside.toString()).doesNotContain("Town Ledger", "budget", "Falk", "2031-06-02");
        assertThat(inside.articles()).isEqualTo(1);
        assertThat(inside.outlets()).containsExactly("Town Ledger");
        assertThat(inside.headlines()).extracting(Overviews.Headline::file).containsExactly("council/budget.md");
        assertThat(inside.examples()).as("asked of the council's article alone").isNotEmpty()
                .allSatisfy(question -> assertThat(question).contains("Ingrid Falk"));
    }

    @Test
    void every_collection_is_seen_by_the_scope_of_all() {
        assertThat(Overviews.compute(engine, Scope.ALL).articles()).isEqualTo(3);
    }

    @Test
    void an_overview_is_kept_until_the_articles_change() {
        Overviews overviews = new Overviews();

        assertThat(overviews.of(engine, Scope.ALL)).isSameAs(overviews.of(engine, Scope.ALL));
    }

    @Test
    void examples_ask_about_the_people_most_articles_name() {
        List<Article> articles = List.of(
                new Article("a.txt", "A", "Talks\n\nMaria Lopez met Tom Berg. Maria Lopez spoke.", "1"),
                new Article("b.txt", "B", "Vote\n\nMaria Lopez won. Anna Kowal lost.", "2"),
                new Article("c.txt", "C", "Rain\n\nTom Berg stayed home.", "3"));

        assertThat(ExampleQuestions.candidates(articles, 3))
                .containsExactly("What did Maria Lopez say?", "Who is Tom Berg?", "What did Anna Kowal say?");
    }
}
