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
        return Settings.fromEnvironment(overrides);
    }
}
