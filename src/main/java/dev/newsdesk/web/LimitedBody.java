package dev.newsdesk.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body, but never more than a limit: a declared Content-Length over it is refused
 * before reading anything, and a chunked body (which declares nothing) is cut off one byte past it.
 * Javalin's own size limit only looks at Content-Length, so a chunked body of gigabytes would
 * otherwise be read whole into memory. A refusal closes the connection, so the rest is not read either.
 */
public final class LimitedBody {

    private static final Duration GRACE = Duration.ofSeconds(1);

    private LimitedBody() {
    }

    /**
     * The body, or a 413 {@link HttpResponseException} when it is over {@code limit} bytes; {@code hint}
     * ends the error message with what to send instead.
     */
    public static byte[] read(Context ctx, long limit, String hint) {
        if (ctx.contentLength() > limit) {
            throw tooLarge(ctx, limit, hint);
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] body = in.readNBytes((int) limit + 1);
            if (body.length > limit) {
                throw tooLarge(ctx, limit, hint);
            }
            return body;
        } catch (IOException e) {
            throw new BadRequestResponse("The body could not be read (" + e.getMessage() + "); " + hint);
        }
    }

    /**
     * Even with "Connection: close" Jetty reads and discards whatever the client still sends, to close
     * gracefully; a client streaming gigabytes would keep a core busy. Once the refusal is out, the client
     * gets {@link #GRACE} to read it, then the connection is closed.
     */
    private static void stopReadingAfterResponse(HttpChannel channel) {
        channel.addListener(new HttpChannel.Listener() {
            @Override
            public void onComplete(Request request) {
                channel.getConnector().getScheduler().schedule(channel.getEndPoint()::close,
                        GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private static HttpResponseException tooLarge(Context ctx, long limit, String hint) {
        ctx.header(Header.CONNECTION, "close");
        stopReadingAfterResponse(Request.getBaseRequest(ctx.req()).getHttpChannel());
        return new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(),
                "The body is larger than " + limit / 1024 + " KB; " + hint);
    }
}
