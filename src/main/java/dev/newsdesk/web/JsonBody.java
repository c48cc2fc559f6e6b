package dev.newsdesk.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A JSON object posted to one of the API routes, refused with a status and a message that shows what to
 * send ({@code example}) when it is not JSON (415), too large (413) or not an object of the right fields (400).
 */
final class JsonBody {

    private final JsonNode body;
    private final String example;

    private JsonBody(JsonNode body, String example) {
        this.body = body;
        this.example = example;
    }

    static JsonBody read(Context ctx, ObjectMapper json, String example) {
        return read(ctx, json, example, WebApp.MAX_REQUEST_BYTES);
    }

    /** As {@link #read(Context, ObjectMapper, String)}, for a route whose bodies may be up to {@code maxBytes}. */
    static JsonBody read(Context ctx, ObjectMapper json, String example, long maxBytes) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                    "The body must be JSON with 'Content-Type: application/json'; " + example + ".");
        }
        JsonNode request;
        try {
            request = json.readTree(LimitedBody.read(ctx, maxBytes, example + "."));
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("The body is not valid JSON (" + e.getOriginalMessage() + "); " + example + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // parsing bytes in memory does no I/O
        }
        if (request == null || !request.isObject()) {
            throw new BadRequestResponse("The body is not a JSON object; " + example + ".");
        }
        return new JsonBody(request, example);
    }

    /** The value of {@code field} as sent (an object, say); null when absent. */
    JsonNode field(String name) {
        return body.get(name);
    }

    /** The string {@code field}; null when it is absent and not {@code required}. */
    String text(String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new BadRequestResponse("The body has no \"" + field + "\"; " + example + ".");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequestResponse("\"" + field + "\" must be a string; " + example + ".");
        }
        return value.asText();
    }

    /** As {@link #text}, refused when longer than {@code maxChars}. */
    String text(String field, boolean required, int maxChars) {
        String value = text(field, required);
        if (value != null && value.length() > maxChars) {
            throw new BadRequestResponse("\"" + field + "\" is longer than " + maxChars + " characters; " + example + ".");
        }
        return value;
    }

    /** The strings of array {@code field} (empty when absent), at most {@code maxItems} of {@code maxChars} each. */
    List<String> texts(String field, int maxItems, int maxChars) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > maxItems) {
            throw new BadRequestResponse("\"" + field + "\" must be an array of at most " + maxItems + " strings; "
                    + example + ".");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().length() > maxChars) {
                throw new BadRequestResponse("\"" + field + "\" must hold strings of at most " + maxChars
                        + " characters; " + example + ".");
            }
            texts.add(item.asText());
        }
        return texts;
    }
}
