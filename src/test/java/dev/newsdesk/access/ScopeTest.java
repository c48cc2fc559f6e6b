package dev.newsdesk.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsdesk.index.ArticleFilter;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A scope keeps every filter within its collections, and all of them means no restriction at all. */
class ScopeTest {

    @Test
    void a_scope_narrows_a_requested_filter_to_its_collections() {
        ArticleFilter requested = new ArticleFilter("Coast Courier", Instant.EPOCH, null);

        ArticleFilter scoped = Scope.of(Set.of("regional")).filter(requested);

        assertThat(scoped).isEqualTo(new ArticleFilter("Coast Courier", Instant.EPOCH, null, Set.of("regional")));
        assertThat(Scope.ALL.filter(requested)).isEqualTo(requested);
    }

    @Test
    void a_union_with_all_is_all_and_no_collections_read_nothing() {
        assertThat(Scope.of(Set.of("a")).union(Scope.ALL)).isEqualTo(Scope.ALL);
        assertThat(Scope.of(Set.of("a")).union(Scope.of(Set.of("b"))).collections()).containsExactlyInAnyOrder("a", "b");
        assertThat(Scope.NONE.reads("default")).isFalse();
        assertThat(Scope.ALL.reads("anything")).isTrue();
    }
}
