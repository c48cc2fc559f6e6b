package dev.newsdesk.cli;

import dev.newsdesk.index.IndexBuilder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Builds the index, or brings it up to date: only new and changed articles are embedded,"
                + " removed ones are dropped.")
final class IndexCommand implements Callable<Integer> {

    private final Parts parts;

    IndexCommand(Parts parts) {
        this.parts = parts;
    }

    @Mixin
    CommonOptions options;

    @Option(names = "--copy-from", paramLabel = "DIR",
            description = "With --store opensearch: copy the chunks of the Lucene index in DIR into the cluster"
                    + " instead of embedding the corpus again (articles changed since are embedded).")
    Path copyFrom;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        IndexBuilder.Report report = copyFrom == null
                ? parts.index(options.settings(), System.err::println, new ProgressBar(System.err))
                : parts.copy(options.settings(), copyFrom, System.err::println, new ProgressBar(System.err));
        System.out.printf("%s in %.1f s%n", report.describe(), (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
