package dev.newsdesk.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches feeds and pages politely and defensively: a User-Agent that says who is asking, conditional
 * requests (ETag, Last-Modified) so an unchanged feed costs the site a 304, a time limit on the whole
 * response (a page that trickles in is given up, not waited for) and a size limit checked as the bytes
 * arrive (a huge page is cut off, never held in memory).
 *
 * <p>And it stays outside: every host, of the feed, of its items and of every redirect, is resolved by
 * {@link OutsideOnly}, which refuses loopback, private, link-local, multicast and unspecified addresses,
 * and the connection goes to the very addresses it checked (the HTTP client asks it, and only it), so a
 * name that resolves elsewhere a moment later (DNS rebinding) changes nothing. Hosts a newsroom trusts
 * on purpose are listed in NEWSDESK_FEEDS_ALLOW.
 */
final class Fetcher implements AutoCloseable {

    /** How long and how large a response may be. */
    record Limits(Duration connect, Duration total, int maxBytes) {
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), Duration.ofSeconds(20), 5 * 1024 * 1024);
    }

    /** A response body, with the validators to send next time (null when the server gave none). */
    record Fetched(byte[] body, String etag, String lastModified) {
    }

    /** Why a fetch gave nothing, said so that the log line needs no more. */
    static final class FetchException extends IOException {
        FetchException(String message) {
            super(message);
        }
    }

    static final String USER_AGENT = "newsdesk/0.1 (news archive; fetches each article once)";
    /** Redirects followed before a page is given up: more than any site needs, fewer than a loop takes. */
    private static final int MAX_REDIRECTS = 5;

    private final Limits limits;
    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "feed-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    /** {@code allowed}: host names (as URLs name them, any case) fetched whatever addresses they have. */
    Fetcher(Limits limits, Set<String> allowed) {
        this.limits = limits;
        Timeout connect = Timeout.of(limits.connect());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new OutsideOnly(allowed))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                                .setSocketTimeout(Timeout.of(limits.total())).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setMaxRedirects(MAX_REDIRECTS)
                        .setCircularRedirectsAllowed(false).setResponseTimeout(Timeout.of(limits.total())).build())
                // Bytes as sent: a compressed body is not inflated past the size limit behind our back.
                .disableContentCompression()
                .setUserAgent(USER_AGENT)
                .build();
    }

    /** GETs {@code url}; empty when the server says it has not changed since {@code previous}. */
    Optional<Fetched> get(URI url, Fetched previous) throws FetchException {
        HttpGet request = new HttpGet(url);
        if (previous != null && previous.etag() != null) {
            request.addHeader("If-None-Match", previous.etag());
        }
        if (previous != null && previous.lastModified() != null) {
            request.addHeader("If-Modified-Since", previous.lastModified());
        }
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            late.set(true);
            request.cancel();
        }, limits.total().toMillis(), TimeUnit.MILLISECONDS);
        try {
            return http.execute(request, this::read);
        } catch (FetchException e) {
            throw e;
        } catch (IOException e) {
            if (late.get() || e instanceof InterruptedIOException) {
                throw new FetchException("no complete response within " + limits.total().toSeconds() + " s");
            }
            Throwable refused = e instanceof Refused ? e : e.getCause();
            throw new FetchException(refused instanceof Refused ? refused.getMessage() : String.valueOf(e));
        } finally {
            deadline.cancel(false);
        }
    }

    private Optional<Fetched> read(ClassicHttpResponse response) throws IOException {
        if (response.getCode() == 304) {
            return Optional.empty();
        }
        if (response.getCode() != 200) {
            throw new FetchException("HTTP " + response.getCode());
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return Optional.of(new Fetched(new byte[0], header(response, "ETag"), header(response, "Last-Modified")));
        }
        if (entity.getContentLength() > limits.maxBytes()) {
            throw tooLarge();
        }
        try (InputStream in = entity.getContent()) {
            byte[] body = in.readNBytes(limits.maxBytes() + 1);
            if (body.length > limits.maxBytes()) {
                throw tooLarge(); // closing the stream drops the connection rather than reading the rest
            }
            return Optional.of(new Fetched(body, header(response, "ETag"), header(response, "Last-Modified")));
        }
    }

    private FetchException tooLarge() {
        return new FetchException("larger than " + limits.maxBytes() / (1024 * 1024) + " MB");
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }

    /** A host that resolves only to addresses inside: not fetched. */
    static final class Refused extends UnknownHostException {
        Refused(String message) {
            super(message);
        }
    }

    /** Resolves a host for the HTTP client, refusing it when any of its addresses is not on the public internet. */
    static final class OutsideOnly implements DnsResolver {
        private final Set<String> allowed;

        OutsideOnly(Set<String> allowed) {
            this.allowed = allowed.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            if (allowed.contains(host.toLowerCase(Locale.ROOT))) {
                return addresses;
            }
            for (InetAddress address : addresses) {
                if (inside(address)) {
                    throw new Refused("refused: " + host + " is at " + address.getHostAddress() + ", not on the public"
                            + " internet; list it in NEWSDESK_FEEDS_ALLOW to fetch it on purpose");
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }

        /** Loopback, private (RFC 1918, unique local fc00::/7), link-local, multicast, unspecified, or shared (100.64/10). */
        static boolean inside(InetAddress address) {
            byte[] b = address.getAddress();
            if (b.length == 16 && isMappedIpv4(b)) {
                try {
                    return inside(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            boolean uniqueLocal = b.length == 16 && (b[0] & 0xFE) == 0xFC;
            boolean shared = b.length == 4 && (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64;
            return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                    || address.isMulticastAddress() || address.isAnyLocalAddress() || uniqueLocal || shared;
        }

        private static boolean isMappedIpv4(byte[] b) {
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
        }
    }
}
