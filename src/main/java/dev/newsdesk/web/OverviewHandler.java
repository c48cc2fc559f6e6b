package dev.newsdesk.web;

import dev.newsdesk.access.Overviews;
import dev.newsdesk.access.Scope;
import dev.newsdesk.answer.Served;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/overview}: what the archive holds for the person asking — how many articles, from which
 * outlets and dates, a few headlines, and example questions the bot answers — from the collections they
 * may read only ({@link Overviews}).
 */
final class OverviewHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OverviewHandler.class);

    private final ServedRef engine;
    private final Overviews overviews;
    /** With sign-in off everyone sees the same overview, worth computing before the first visitor comes. */
    private final boolean sameForEveryone;

    OverviewHandler(ServedRef engine, Overviews overviews, boolean sameForEveryone) {
        this.engine = engine;
        this.overviews = overviews;
        this.sameForEveryone = sameForEveryone;
    }

    /** Asks the candidates now, off the caller's thread, so that the first visitor need not wait. */
    void prepare(Served loaded) {
        if (!sameForEveryone) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                overviews.of(loaded, Scope.ALL);
            } catch (RuntimeException e) {
                LOG.warn("preparing the overview failed; the first visitor will try again", e);
            }
        }, "overview");
        thread.setDaemon(true);
        thread.start();
    }

    void overview(Context ctx) {
        ctx.json(overviews.of(engine.get(), Asker.of(ctx).scope()));
    }
}
