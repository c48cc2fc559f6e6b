package dev.newsdesk.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Request bodies read within a size limit, and JSON objects from them, with errors that say what to send. */
final class Bodies {

    private Bodies() {
    }

    /** The body, refused past {@code limit} bytes even when it comes chunked, without a Content-Length to check. */
    static byte[] limited(Context ctx, long limit, String example) {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] body = in.readNBytes((int) limit + 1);
            if (body.length > limit) {
                throw new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), "The body is larger than "
                        + limit / 1024 + " KB; " + example + ".");
            }
            return body;
        } catch (IOException e) {
            throw new BadRequestResponse("The body could not be read (" + e.getMessage() + "); " + example + ".");
        }
    }

    /** {@code body} as a JSON object; 400 when it is not one. */
    static JsonNode object(ObjectMapper json, byte[] body, String example) {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("The body is not valid JSON (" + e.getOriginalMessage() + "); " + example + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // parsing bytes in memory does no I/O
        }
        if (request == null || !request.isObject()) {
            throw new BadRequestResponse("The body is not a JSON object; " + example + ".");
        }
        return request;
    }
}
