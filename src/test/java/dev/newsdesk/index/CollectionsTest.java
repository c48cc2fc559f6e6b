package dev.newsdesk.index;

import dev.newsdesk.TwoCollections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lucene index keeps every search within the collections its filter names, inside the search. */
class CollectionsTest {

    @Test
    void bm25_knn_and_the_term_search_stay_within_the_collections_of_the_filter() throws Exception {
        try (TwoCollections archive = new TwoCollections(Map.of())) {
            TwoCollections.assertSearchesKeepWithin(archive.engine.index());
        }
    }
}
