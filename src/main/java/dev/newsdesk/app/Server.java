package dev.newsdesk.app;

import dev.newsdesk.access.AccessFile;
import dev.newsdesk.access.OidcIssuer;
import dev.newsdesk.access.Overviews;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import dev.newsdesk.feedback.AnsweredQuestions;
import dev.newsdesk.feedback.FeedbackLog;
import dev.newsdesk.feeds.FeedPoller;
import dev.newsdesk.index.IndexBuilder;
import dev.newsdesk.live.ArticleStore;
import dev.newsdesk.live.FolderWatcher;
import dev.newsdesk.live.LiveIngest;
import dev.newsdesk.slack.SlackApp;
import dev.newsdesk.web.WebApp;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@code serve} assembled: the web app listens at once (/health says "loading"), the archive is started,
 * live ingestion, the folder watcher, the feeds and Slack are wired to it, and a shutdown hook closes them
 * in reverse order.
 */
final class Server {

    /** A 👍/👎 in Slack refers to an answer of the last week; at most this many are remembered for it. */
    private static final int VOTED_ANSWERS = 10_000;
    private static final Duration VOTING_WINDOW = Duration.ofDays(7);

    private Server() {
    }

    static void start(Settings settings, Consumer<String> log, IndexBuilder.Progress progress) {
        // One log for the page's and Slack's votes: it keeps one line per user's vote on an answer.
        FeedbackLog feedback = new FeedbackLog(settings.slack().feedbackFile());
        AccessFile access = new AccessFile(settings.signIn().accessFile(), settings.archive().adminToken(), log);
        OidcIssuer issuer = settings.signIn().enabled() ? OidcIssuer.discover(settings.signIn()) : null;
        Overviews overviews = new Overviews();
        WebApp web = new WebApp(settings, feedback, access, issuer, overviews).start();
        if (issuer != null) {
            log.accept("newsdesk: sign-in through " + settings.signIn().issuer() + "; every route but /health needs it");
        }
        String url = "http://" + settings.host() + ":" + web.port() + "/";
        log.accept("newsdesk: listening on " + url + " (loading the index)");
        Engine engine;
        LiveIngest live;
        try {
            engine = Engine.start(settings, log, progress, web.meters());
            // First, so that a second process on the same index stops at once, before warming up.
            live = engine.liveIngest(log, url);
        } catch (RuntimeException e) {
            web.close();
            throw e;
        }
        engine.warmUp();
        ArticleStore store = new ArticleStore(settings.corpus());
        FolderWatcher watcher = watch(settings, live, store, web, access.hasAdminTokens(), log);
        FeedPoller feeds = new FeedPoller(settings.archive().feeds(), settings.archive().feedsAllow(), store,
                live::submit, log);
        if (!settings.archive().feeds().isEmpty()) {
            feeds.start(settings.archive().feedInterval());
            log.accept("newsdesk: polling " + settings.archive().feeds().size() + " feed(s) every "
                    + settings.archive().feedInterval().toMinutes() + " min");
        }
        SlackApp slack = settings.slack().enabled() ? new SlackApp(settings.slack(), engine.answers(), access,
                scope -> overviews.of(engine, scope), web.meters(), feedback,
                new AnsweredQuestions(VOTED_ANSWERS, VOTING_WINDOW)) : null;
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
            closeQuietly(log, engine);
        }));
        log.accept("newsdesk: ready at " + url + " (" + engine.index().chunkCount() + " chunks)");
    }

    /**
     * Watches the corpus folder from now on, then reads it all once more: a file that arrived while
     * the index was loading has no event left to tell of it.
     */
    private static FolderWatcher watch(Settings settings, LiveIngest live, ArticleStore store, WebApp web,
                                       boolean adminApi, Consumer<String> log) {
        try {
            FolderWatcher watcher = new FolderWatcher(settings.corpus(), live, log);
            watcher.start();
            live.rescan();
            web.live(live, store);
            log.accept("newsdesk: watching " + settings.corpus() + " for new, changed and deleted articles"
                    + (adminApi ? "; admin API on at /api/articles" : ""));
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
