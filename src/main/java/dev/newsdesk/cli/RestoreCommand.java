package dev.newsdesk.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restores a snapshot of the OpenSearch store as a new build and moves the alias to it;"
                + " questions are answered from the current chunks until then.")
final class RestoreCommand implements Callable<Integer> {

    private final Parts parts;

    RestoreCommand(Parts parts) {
        this.parts = parts;
    }

    @Mixin
    CommonOptions options;

    @Option(names = "--name", paramLabel = "SNAPSHOT", description = "The snapshot to restore (default: the newest).")
    String name;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        String index = parts.restore(options.settings(), name, System.err::println);
        System.out.printf("restored into %s in %.1f s%n", index, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
