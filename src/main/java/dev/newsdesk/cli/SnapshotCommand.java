package dev.newsdesk.cli;

import dev.newsdesk.index.opensearch.Snapshots;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Snapshots the OpenSearch store (the chunks and the manifest) into the filesystem repository"
                + " at $OPENSEARCH_SNAPSHOT_LOCATION, a folder every node lists in path.repo.")
final class SnapshotCommand implements Callable<Integer> {

    private final Parts parts;

    SnapshotCommand(Parts parts) {
        this.parts = parts;
    }

    @Mixin
    CommonOptions options;

    @Override
    public Integer call() {
        Snapshots.Taken taken = parts.snapshot(options.settings(), System.err::println);
        System.out.printf("snapshot %s: %d chunks in %.1f s%n", taken.name(), taken.chunks(), taken.took().toMillis() / 1e3);
        return 0;
    }
}
