package dev.newsdesk.cli;

import dev.newsdesk.config.Settings;
import dev.newsdesk.config.Fatal;
import dev.newsdesk.config.LogLines;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the chat page and the JSON API (/api/chat, /api/chat/stream, /api/sources, /api/overview,"
                + " /api/feedback, /health, /metrics).",
                "Listens at once and builds or refreshes the index meanwhile; /health answers 200 when ready."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: $NEWSDESK_PORT or 7070; 0 = any free).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on (default: $NEWSDESK_HOST or 127.0.0.1; 0.0.0.0 = all interfaces).")
    String host;

    private final Parts parts;

    ServeCommand(Parts parts) {
        this.parts = parts;
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> overrides = new HashMap<>();
        if (port != null) {
            overrides.put("NEWSDESK_PORT", port.toString());
        }
        if (host != null) {
            overrides.put("NEWSDESK_HOST", host);
        }
        Settings settings = options.settings(overrides);
        try {
            parts.serve(settings, LogLines.to(System.err), new ProgressBar(System.err));
        } catch (Error e) {
            // Jetty's threads would keep a process up that will never be ready: end it, for a supervisor to restart.
            System.err.println(Fatal.line("starting the server", e));
            return Fatal.EXIT_STATUS;
        }
        // Jetty serves on its own threads; this one waits until Ctrl-C or TERM ends the process.
        Thread.currentThread().join();
        return 0;
    }
}
