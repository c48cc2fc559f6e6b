package dev.newsdesk.web;

import dev.newsdesk.answer.Served;
import dev.newsdesk.ingest.Article;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/overview}: what the archive holds, for the page to show before the first question —
 * how many articles, from which outlets and dates, a few headlines, and example questions the bot
 * answers. The candidates are asked once, in the background as soon as the engine is ready, and the
 * overview is kept until the corpus changes: with a chat model, asking them takes seconds.
 */
final class OverviewHandler {

    static final int HEADLINES = 5;
    static final int EXAMPLES = 4;
    /** Candidates tried at most, so that a corpus the bot cannot answer much of costs little. */
    private static final int CANDIDATES = 12;

    record Headline(String file, String title) {
    }

    /** {@code outlets}, {@code from} and {@code to} (ISO dates) come from the articles' metadata; empty or null without it. */
    record Overview(int articles, List<String> outlets, String from, String to, List<Headline> headlines,
                    List<String> examples) {
    }

    private record Computed(Served.Catalogue catalogue, Overview overview) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(OverviewHandler.class);

    private final ServedRef engine;
    private volatile Computed computed;

    OverviewHandler(ServedRef engine) {
        this.engine = engine;
    }

    /** Asks the candidates now, off the caller's thread, so that the first visitor need not wait. */
    void prepare(Served loaded) {
        Thread thread = new Thread(() -> {
            try {
                current(loaded);
            } catch (RuntimeException e) {
                LOG.warn("preparing the overview failed; the first visitor will try again", e);
            }
        }, "overview");
        thread.setDaemon(true);
        thread.start();
    }

    void overview(Context ctx) {
        ctx.json(current(engine.get()));
    }

    private synchronized Overview current(Served loaded) {
        Computed now = computed;
        if (now == null || now.catalogue() != loaded.catalogue()) {
            now = new Computed(loaded.catalogue(), compute(loaded));
            computed = now;
        }
        return now.overview();
    }

    static Overview compute(Served engine) {
        List<String> examples = new ArrayList<>();
        for (String question : ExampleQuestions.candidates(engine.catalogue().articles(), CANDIDATES)) {
            if (examples.size() < EXAMPLES && !engine.answers().ask(question, null).abstained()) {
                examples.add(question);
            }
        }
        TreeSet<String> outlets = new TreeSet<>();
        TreeSet<String> dates = new TreeSet<>();
        for (Article article : engine.catalogue().articles()) {
            if (article.meta().source() != null) {
                outlets.add(article.meta().source());
            }
            article.meta().publishedAt().ifPresent(at -> dates.add(at.toString().substring(0, 10)));
        }
        // The newest articles first, as a reader of a news archive expects.
        List<Headline> headlines = engine.catalogue().articles().stream()
                .sorted(Comparator.comparing((Article a) -> a.meta().publishedAt().orElse(Instant.MIN)).reversed())
                .limit(HEADLINES).map(a -> new Headline(a.file(), a.title())).toList();
        return new Overview(engine.catalogue().articles().size(), List.copyOf(outlets),
                dates.isEmpty() ? null : dates.first(), dates.isEmpty() ? null : dates.last(), headlines, examples);
    }
}
