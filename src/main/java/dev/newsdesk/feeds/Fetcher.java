package dev.newsdesk.feeds;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches feeds and pages politely and defensively: a User-Agent that says who is asking, conditional
 * requests (ETag, Last-Modified) so an unchanged feed costs the site a 304, a time limit on the whole
 * response (a page that trickles in is given up, not waited for) and a size limit checked as the bytes
 * arrive (a huge page is cut off, never held in memory).
 */
final class Fetcher {

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

    private final Limits limits;
    private final HttpClient http;

    Fetcher(Limits limits) {
        this.limits = limits;
        this.http = HttpClient.newBuilder().connectTimeout(limits.connect())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** GETs {@code url}; empty when the server says it has not changed since {@code previous}. */
    Optional<Fetched> get(URI url, Fetched previous) throws FetchException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(limits.total()).header("User-Agent", USER_AGENT);
        if (previous != null && previous.etag() != null) {
            request.header("If-None-Match", previous.etag());
        }
        if (previous != null && previous.lastModified() != null) {
            request.header("If-Modified-Since", previous.lastModified());
        }
        CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(request.build(), info -> new LimitedBody(limits.maxBytes(), info));
        HttpResponse<byte[]> response;
        try {
            response = sent.get(limits.total().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new FetchException("no complete response within " + limits.total().toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new FetchException(e.getCause() instanceof FetchException f ? f.getMessage() : String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted");
        }
        if (response.statusCode() == 304) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new FetchException("HTTP " + response.statusCode());
        }
        return Optional.of(new Fetched(response.body(), response.headers().firstValue("ETag").orElse(null),
                response.headers().firstValue("Last-Modified").orElse(null)));
    }

    /** Collects a body up to a limit; past it, or when Content-Length announces more, it gives up. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int maxBytes;
        private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final boolean announcedTooLarge;
        private Flow.Subscription subscription;
        private long received;

        LimitedBody(int maxBytes, HttpResponse.ResponseInfo info) {
            this.maxBytes = maxBytes;
            this.announcedTooLarge = info.headers().firstValueAsLong("Content-Length").orElse(0) > maxBytes;
            bytes.getBody().whenComplete((body, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(body);
                }
            });
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (announcedTooLarge) {
                tooLarge();
            } else {
                bytes.onSubscribe(s);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            received += items.stream().mapToLong(ByteBuffer::remaining).sum();
            if (received > maxBytes) {
                tooLarge();
            } else if (!result.isDone()) {
                bytes.onNext(items);
            }
        }

        private void tooLarge() {
            subscription.cancel();
            result.completeExceptionally(new FetchException("larger than " + maxBytes / (1024 * 1024) + " MB"));
        }

        @Override
        public void onError(Throwable error) {
            bytes.onError(error);
        }

        @Override
        public void onComplete() {
            bytes.onComplete();
        }
    }
}
