package dev.newsdesk.feeds;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.newsdesk.config.Fatal;
import dev.newsdesk.live.ArticleStore;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls RSS and Atom feeds (read with Rome) and stores each new item's page in the corpus folder as an
 * {@code .html} article, where live ingestion picks it up. An item is new when no stored page carries
 * its link's hash in its name, so the folder alone remembers what was fetched, across restarts. A
 * feed or page that fails (unreachable, malformed, 404, too slow, too large) is logged and skipped;
 * the other items and feeds go on, and a failed item is tried again at the next poll.
 */
public final class FeedPoller implements Closeable {

    private final List<URI> feeds;
    private final ArticleStore store;
    private final Consumer<String> stored;
    private final Fetcher fetcher;
    private final Consumer<String> log;
    /** The last validators per feed, for conditional requests. */
    private final Map<URI, Fetcher.Fetched> validators = new ConcurrentHashMap<>();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "feed-poller");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * {@code stored} is told the file name of every page written (live ingestion indexes it); hosts in
     * {@code allowed} are fetched even where they are inside the network (NEWSDESK_FEEDS_ALLOW).
     */
    public FeedPoller(List<URI> feeds, Set<String> allowed, ArticleStore store, Consumer<String> stored,
                      Consumer<String> log) {
        this(feeds, allowed, store, stored, Fetcher.Limits.DEFAULT, log);
    }

    FeedPoller(List<URI> feeds, Set<String> allowed, ArticleStore store, Consumer<String> stored, Fetcher.Limits limits,
               Consumer<String> log) {
        this.feeds = feeds;
        this.store = store;
        this.stored = stored;
        this.fetcher = new Fetcher(limits, allowed);
        this.log = log;
    }

    /** Polls now and then every {@code interval}. */
    public FeedPoller start(Duration interval) {
        schedule.scheduleWithFixedDelay(this::pollAll, 0, interval.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    /** One round over every feed; the number of pages stored. */
    int pollAll() {
        int count = 0;
        for (URI feed : feeds) {
            try {
                count += poll(feed);
            } catch (RuntimeException e) {
                // A bug in one feed's handling must not stop the schedule (it would never run again).
                log.accept("feed " + feed + " failed: " + e);
            } catch (Error e) {
                // The executor would keep it in a Future nobody reads: the schedule would stop in silence.
                Fatal.stop("polling the feeds", e);
                return count;
            }
        }
        return count;
    }

    private int poll(URI feed) {
        Optional<Fetcher.Fetched> fetched;
        try {
            fetched = fetcher.get(feed, validators.get(feed));
        } catch (Fetcher.FetchException e) {
            log.accept("feed " + feed + " skipped: " + e.getMessage());
            return 0;
        }
        if (fetched.isEmpty()) {
            return 0; // not modified
        }
        SyndFeed parsed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false); // no external entities from a feed
            parsed = input.build(new XmlReader(new ByteArrayInputStream(fetched.get().body())));
        } catch (FeedException | IOException | IllegalArgumentException e) {
            log.accept("feed " + feed + " skipped: not a readable RSS or Atom feed (" + e.getMessage() + ")");
            return 0;
        }
        validators.put(feed, fetched.get());
        int count = 0;
        for (SyndEntry entry : parsed.getEntries()) {
            if (storeItem(feed, entry)) {
                count++;
            }
        }
        return count;
    }

    private boolean storeItem(URI feed, SyndEntry entry) {
        URI link;
        try {
            link = entry.getLink() == null ? null : feed.resolve(new URI(entry.getLink().strip()));
        } catch (URISyntaxException e) {
            link = null;
        }
        if (link == null || !("http".equals(link.getScheme()) || "https".equals(link.getScheme()))) {
            log.accept("feed " + feed + ": item '" + entry.getTitle() + "' skipped: no http(s) link");
            return false;
        }
        if (store.hasPage(link.toString())) {
            return false;
        }
        try {
            Fetcher.Fetched page = fetcher.get(link, null).orElseThrow();
            String published = entry.getPublishedDate() == null ? null : entry.getPublishedDate().toInstant().toString();
            String file = store.writeHtml(page.body(), link.toString(), published, null);
            stored.accept(file);
            log.accept("feed " + feed + ": stored " + link + " as " + file);
            return true;
        } catch (Fetcher.FetchException e) {
            log.accept("feed " + feed + ": page " + link + " skipped: " + e.getMessage());
        } catch (IOException e) {
            log.accept("feed " + feed + ": page " + link + " not stored: " + e.getMessage());
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        schedule.shutdownNow();
        fetcher.close();
    }
}
