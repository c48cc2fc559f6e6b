package dev.newsdesk.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body, but never more than a limit: a declared Content-Length over it is refused
 * before reading anything, and a chunked body (which declares nothing) is cut off one byte past it.
 * Javalin's own size limit only looks at Content-Length, so a chunked body of gigabytes would
 * otherwise be read whole into memory. A refusal closes the connection, so the rest is never read either.
 */
public final class LimitedBody {

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

    private static HttpResponseException tooLarge(Context ctx, long limit, String hint) {
        // Without this Jetty drains the rest of the body to reuse the connection, for as long as it keeps coming.
        ctx.header(Header.CONNECTION, "close");
        return new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(),
                "The body is larger than " + limit / 1024 + " KB; " + hint);
    }
}
