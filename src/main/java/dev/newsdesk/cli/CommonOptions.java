package dev.newsdesk.cli;

import dev.newsdesk.config.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command shares; they override the matching environment variables. */
final class CommonOptions {

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "Folder of .txt/.md articles, first line the title (default: $NEWSDESK_CORPUS or seeds).")
    Path corpus;

    @Option(names = "--index", paramLabel = "DIR",
            description = "Folder of the Lucene index (default: $NEWSDESK_INDEX or data/index).")
    Path index;

    @Option(names = "--store", paramLabel = "KIND",
            description = "Where chunks are kept: lucene (the --index folder) or opensearch (the cluster at"
                    + " $OPENSEARCH_URL) (default: $NEWSDESK_STORE or lucene).")
    String store;

    Settings settings() {
        return settings(new HashMap<>());
    }

    Settings settings(Map<String, String> overrides) {
        if (corpus != null) {
            overrides.put("NEWSDESK_CORPUS", corpus.toString());
        }
        if (index != null) {
            overrides.put("NEWSDESK_INDEX", index.toString());
        }
        if (store != null) {
            overrides.put("NEWSDESK_STORE", store);
        }
        return Settings.fromEnvironment(overrides);
    }
}
