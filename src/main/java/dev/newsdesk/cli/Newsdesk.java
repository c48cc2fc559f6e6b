package dev.newsdesk.cli;

import dev.newsdesk.config.NewsdeskException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code newsdesk ask|index|serve|eval|bench|fit|reader-data|snapshot|restore}. */
@Command(name = "newsdesk", mixinStandardHelpOptions = true, version = "newsdesk 0.1.0",
        description = "Answers questions about a folder of news articles, citing the articles with verbatim quotes.%n"
                + "Runs offline: the index and the embedding model live on this machine.",
        subcommands = {AskCommand.class, IndexCommand.class, ServeCommand.class, EvalCommand.class, BenchCommand.class,
                FitCommand.class, ReaderDataCommand.class, SnapshotCommand.class, RestoreCommand.class,
                CommandLine.HelpCommand.class})
public final class Newsdesk {

    /**
     * The configured command line, its commands built with {@code parts}; user-facing failures print one
     * line and exit 2, without a stack trace.
     */
    public static CommandLine commandLine(Parts parts) {
        CommandLine cli = new CommandLine(new Newsdesk(), new Factory(parts));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof NewsdeskException) {
                commandLine.getErr().println("newsdesk: " + e.getMessage());
                return 2;
            }
            commandLine.getErr().println("newsdesk: unexpected error: " + e
                    + " (set NEWSDESK_DEBUG=1 for the stack trace, and please report it)");
            if (System.getenv("NEWSDESK_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli;
    }

    /** Gives the commands that run parts of newsdesk the {@link Parts} to run; picocli's own classes as usual. */
    private record Factory(Parts parts) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Parts.class).newInstance(parts);
            } catch (NoSuchMethodException none) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
