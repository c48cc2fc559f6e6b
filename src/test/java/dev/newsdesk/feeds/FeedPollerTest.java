package dev.newsdesk.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.CorpusLoader;
import dev.newsdesk.live.ArticleStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feeds and pages come from a news site stood in for by a local HTTP server on the loopback. */
class FeedPollerTest {

    private static final Fetcher.Limits TEST_LIMITS = new Fetcher.Limits(Duration.ofSeconds(2), Duration.ofSeconds(1), 1024 * 1024);

    @TempDir
    Path corpus;

    private HttpServer site;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> stored = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSite() throws IOException {
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.setExecutor(Executors.newCachedThreadPool());
        site.createContext("/rss.xml", ex -> {
            String etag = "\"v1\"";
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                reply(ex, 304, "");
            } else {
                ex.getResponseHeaders().add("ETag", etag);
                reply(ex, 200, rss());
            }
        });
        site.createContext("/broken.xml", ex -> reply(ex, 200, "<rss><channel><item><title>unclosed"));
        site.createContext("/good", ex -> reply(ex, 200, """
                <html><head><meta property="og:site_name" content="Loopback Ledger"></head><body><article>
                <h1>Harbour crane installed</h1><p>A new crane was installed at the Pellworth harbour on Tuesday.</p>
                </article></body></html>"""));
        site.createContext("/latin", ex -> {
            byte[] page = ("<html><head><meta charset=\"iso-8859-1\"><title>Caf\u00e9 reopens</title></head><body>"
                    + "<p>The harbour caf\u00e9 reopened on Friday, its owner said.</p></body></html>")
                    .getBytes(StandardCharsets.ISO_8859_1);
            ex.sendResponseHeaders(200, page.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(page);
            }
        });
        site.createContext("/slow", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("<html><body><p>".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(5_000);
            } catch (InterruptedException | IOException e) {
                // the client gave up, as it should
            }
        });
        site.createContext("/huge", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked: no Content-Length warns the client
            byte[] block = "<p>padding padding padding padding.</p>\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = ex.getResponseBody()) {
                for (long sent = 0; sent < 20L * 1024 * 1024; sent += block.length) {
                    out.write(block);
                }
            } catch (IOException e) {
                // the client stopped reading at its limit
            }
        });
        // Items and redirects that lead inside the network, under a name the newsroom did not allow.
        site.createContext("/inside.xml", ex -> reply(ex, 200, """
                <?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Ledger</title>
                <item><title>Metrics</title><link>http://localhost:%1$d/good</link></item>
                <item><title>Moved</title><link>%2$s/moved</link></item>
                </channel></rss>""".formatted(site.getAddress().getPort(), base())));
        site.createContext("/moved", ex -> {
            requests.add("/moved");
            ex.getResponseHeaders().add("Location", "http://localhost:" + site.getAddress().getPort() + "/good");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        site.createContext("/", ex -> reply(ex, 404, "not here"));
        site.start();
    }

    private void reply(HttpExchange ex, int status, String body) throws IOException {
        requests.add(ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("User-Agent") + " "
                + ex.getRequestHeaders().getFirst("If-None-Match") + " -> " + status);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, status == 304 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + site.getAddress().getPort();
    }

    private String rss() {
        return """
                <?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Ledger</title>
                <item><title>Slow</title><link>%1$s/slow</link></item>
                <item><title>Missing</title><link>%1$s/gone</link></item>
                <item><title>Huge</title><link>%1$s/huge</link></item>
                <item><title>Cafe</title><link>%1$s/latin</link></item>
                <item><title>Crane</title><link>%1$s/good</link><pubDate>Tue, 04 Jun 2024 09:15:00 GMT</pubDate></item>
                </channel></rss>""".formatted(base());
    }

    @AfterEach
    void stopSite() {
        site.stop(0);
    }

    /** The site is on the loopback: the newsroom trusts it on purpose, by the name its URLs use. */
    private FeedPoller poller(String... paths) {
        List<URI> feeds = java.util.Arrays.stream(paths).map(p -> URI.create(base() + p)).toList();
        return new FeedPoller(feeds, Set.of("127.0.0.1"), new ArticleStore(corpus), stored::add, TEST_LIMITS, log::add);
    }

    @Test
    void stores_new_items_pages_with_their_feed_date_and_charset_and_skips_broken_feeds_missing_slow_and_huge_pages() throws IOException {
        try (FeedPoller poller = poller("/broken.xml", "/rss.xml")) {
            assertThat(poller.pollAll()).isEqualTo(2);
        }

        assertThat(stored).hasSize(2);
        Article cafe = new CorpusLoader(log::add).readOne(corpus, stored.get(0)).orElseThrow();
        assertThat(cafe.text()).as("read in the page's own charset").contains("The harbour caf\u00e9 reopened");
        Article page = new CorpusLoader(log::add).readOne(corpus, stored.get(1)).orElseThrow();
        assertThat(page.file()).endsWith(".html");
        assertThat(page.title()).isEqualTo("Harbour crane installed");
        assertThat(page.meta().source()).isEqualTo("Loopback Ledger");
        assertThat(page.meta().url()).isEqualTo(base() + "/good");
        assertThat(page.meta().published()).isEqualTo("2024-06-04T09:15:00Z");
        assertThat(log).anySatisfy(l -> assertThat(l).contains("broken.xml", "not a readable RSS or Atom feed"))
                .anySatisfy(l -> assertThat(l).contains("/gone", "HTTP 404"))
                .anySatisfy(l -> assertThat(l).contains("/slow", "no complete response"))
                .anySatisfy(l -> assertThat(l).contains("/huge", "larger than 1 MB"));
        assertThat(requests).allSatisfy(r -> assertThat(r).contains(Fetcher.USER_AGENT));
    }

    @Test
    void asks_for_an_unchanged_feed_conditionally_and_never_fetches_a_stored_page_again() throws IOException {
        try (FeedPoller poller = poller("/rss.xml")) {
            poller.pollAll();
            int second = poller.pollAll();

            assertThat(second).isZero();
        }
        assertThat(requests).filteredOn(r -> r.startsWith("/rss.xml")).extracting(r -> r.substring(r.lastIndexOf(' ') + 1))
                .containsExactly("200", "304");
        assertThat(requests).filteredOn(r -> r.startsWith("/good")).hasSize(1);
        try (FeedPoller restarted = poller("/rss.xml")) {
            assertThat(restarted.pollAll()).as("the folder remembers what was stored").isZero();
        }
        assertThat(requests).filteredOn(r -> r.startsWith("/good")).hasSize(1);
    }

    @Test
    void never_fetches_an_address_inside_the_network_that_was_not_allowed_not_even_through_a_redirect() throws IOException {
        try (FeedPoller poller = poller("/inside.xml")) {
            assertThat(poller.pollAll()).isZero();
        }

        assertThat(stored).isEmpty();
        assertThat(requests).noneMatch(r -> r.startsWith("/good"));
        assertThat(log).anySatisfy(l -> assertThat(l).contains("http://localhost:", "refused", "NEWSDESK_FEEDS_ALLOW"))
                .anySatisfy(l -> assertThat(l).contains("/moved", "refused"));
    }

    @Test
    void a_feed_inside_the_network_is_not_fetched_unless_its_host_is_allowed() throws IOException {
        URI feed = URI.create("http://localhost:" + site.getAddress().getPort() + "/rss.xml");
        try (FeedPoller poller = new FeedPoller(List.of(feed), Set.of(), new ArticleStore(corpus), stored::add,
                TEST_LIMITS, log::add)) {
            assertThat(poller.pollAll()).isZero();
        }

        assertThat(requests).isEmpty();
        assertThat(log).anySatisfy(l -> assertThat(l).contains("refused: localhost is at 127.0.0.1"));
    }

    @Test
    void inside_means_loopback_private_link_local_multicast_unspecified_and_shared_addresses() throws IOException {
        for (String inside : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
                "224.0.0.1", "100.64.0.1", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1")) {
            assertThat(Fetcher.OutsideOnly.inside(InetAddress.getByName(inside))).as(inside).isTrue();
        }
        for (String outside : List.of("93.184.216.34", "8.8.8.8", "2606:2800:220:1::1", "100.128.0.1", "172.32.0.1")) {
            assertThat(Fetcher.OutsideOnly.inside(InetAddress.getByName(outside))).as(outside).isFalse();
        }
    }
}
