package dev.newsdesk.cli;

import dev.newsdesk.answer.Engine;
import dev.newsdesk.config.Settings;
import dev.newsdesk.slack.FeedbackLog;
import dev.newsdesk.slack.SlackApp;
import dev.newsdesk.web.WebApp;
import dev.newsdesk.config.Fatal;
import dev.newsdesk.config.LogLines;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.feeds.FeedPoller;
import dev.newsdesk.ingest.live.ArticleStore;
import dev.newsdesk.ingest.live.FolderWatcher;
import dev.newsdesk.ingest.live.LiveIngest;
import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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

    @Override
    public Integer call() throws InterruptedException {
        try {
            return serve();
        } catch (Error e) {
            // Jetty's threads would keep a process up that will never be ready: end it, for a supervisor to restart.
            Fatal.stop("starting the server", e);
            return 1;
        }
    }

    private Integer serve() throws InterruptedException {
        Consumer<String> log = LogLines.to(System.err);
        Map<String, String> overrides = new HashMap<>();
        if (port != null) {
            overrides.put("NEWSDESK_PORT", port.toString());
        }
        if (host != null) {
            overrides.put("NEWSDESK_HOST", host);
        }
        Settings settings = options.settings(overrides);
        // One log for the page's and Slack's votes: it keeps one line per user's vote on an answer.
        FeedbackLog feedback = new FeedbackLog(settings.slack().feedbackFile());
        WebApp web = new WebApp(settings, feedback).start();
        String url = "http://" + settings.host() + ":" + web.port() + "/";
        log.accept("newsdesk: listening on " + url + " (loading the index)");
        Engine engine;
        try {
            engine = Engine.start(settings, log, new ProgressBar(System.err), web.meters());
        } catch (RuntimeException e) {
            web.close();
            throw e;
        }
        // First, so that a second process on the same index stops at once, before warming up.
        LiveIngest live;
        try {
            live = engine.liveIngest(log);
        } catch (RuntimeException e) {
            web.close();
            throw e;
        }
        engine.warmUp();
        FolderWatcher watcher = watch(settings, live, web, log);
        FeedPoller feeds = new FeedPoller(settings.archive().feeds(), settings.archive().feedsAllow(),
                new ArticleStore(settings.corpus()), live::submit, log);
        if (!settings.archive().feeds().isEmpty()) {
            feeds.start(settings.archive().feedInterval());
            log.accept("newsdesk: polling " + settings.archive().feeds().size() + " feed(s) every "
                    + settings.archive().feedInterval().toMinutes() + " min");
        }
        SlackApp slack = settings.slack().enabled() ? new SlackApp(settings.slack(), engine.answers(), web.meters(), feedback) : null;
        if (slack != null) {
            web.addRoutes(slack::addRoutes);
            log.accept("newsdesk: Slack endpoints on at " + url + "slack/events, /slack/commands, /slack/interactions");
        }
        web.ready(engine, slack == null ? () -> "off" : slack::health);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            web.close();
            closeQuietly(log, feeds, watcher, live);
            if (slack != null) {
                slack.close();
            }
            try {
                engine.close();
            } catch (IOException e) {
                log.accept("newsdesk: closing the index failed: " + e.getMessage());
            }
        }));
        log.accept("newsdesk: ready at " + url + " (" + engine.index().chunkCount() + " chunks)");
        // Jetty serves on its own threads; this one waits until Ctrl-C or TERM ends the process.
        Thread.currentThread().join();
        return 0;
    }

    /**
     * Watches the corpus folder from now on, then reads it all once more: a file that arrived while
     * the index was loading has no event left to tell of it.
     */
    private static FolderWatcher watch(Settings settings, LiveIngest live, WebApp web, Consumer<String> log) {
        try {
            FolderWatcher watcher = new FolderWatcher(settings.corpus(), live, log);
            live.rescan();
            web.live(live, new ArticleStore(settings.corpus()), settings.archive());
            log.accept("newsdesk: watching " + settings.corpus() + " for new, changed and deleted articles"
                    + (settings.archive().adminEnabled() ? "; admin API on at /api/articles" : ""));
            return watcher;
        } catch (IOException e) {
            throw new NewsdeskException("Cannot watch the corpus folder " + settings.corpus() + " (" + e.getMessage()
                    + "); check it is a local folder you can read.", e);
        }
    }

    private static void closeQuietly(Consumer<String> log, Closeable... parts) {
        for (Closeable part : parts) {
            try {
                part.close();
            } catch (IOException e) {
                log.accept("newsdesk: closing failed: " + e.getMessage());
            }
        }
    }
}
