package dev.newsdesk.cli;

import dev.newsdesk.answer.Engine;
import dev.newsdesk.index.IndexBuilder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Builds the index, or brings it up to date: only new and changed articles are embedded,"
                + " removed ones are dropped.")
final class IndexCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        IndexBuilder.Report report = Engine.index(options.settings(), System.err::println, new ProgressBar(System.err));
        System.out.printf("%s in %.1f s%n", Engine.describe(report), (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
