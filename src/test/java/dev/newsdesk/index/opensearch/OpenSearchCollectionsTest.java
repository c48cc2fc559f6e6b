package dev.newsdesk.index.opensearch;

import dev.newsdesk.TwoCollections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cluster store keeps every search within the collections its filter names, as the Lucene one does. */
@ExtendWith(OpenSearchCluster.class)
class OpenSearchCollectionsTest {

    @Test
    void bm25_knn_and_the_term_search_stay_within_the_collections_of_the_filter() throws Exception {
        try (TwoCollections archive = new TwoCollections(Map.of("NEWSDESK_STORE", "opensearch",
                "OPENSEARCH_URL", OpenSearchCluster.running().urls(), "OPENSEARCH_INDEX", "collections",
                "NEWSDESK_READER", "off"))) {
            TwoCollections.assertSearchesKeepWithin(archive.engine.index());
        }
    }
}
