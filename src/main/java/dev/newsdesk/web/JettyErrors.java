package dev.newsdesk.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Errors Jetty answers itself, for requests too malformed to reach Javalin (a NUL or "..;" in the path,
 * broken headers): JSON like every other error, instead of Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {

    private final ObjectMapper json;

    JettyErrors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(reason));
    }

    private byte[] body(String reason) {
        String message = "The request is malformed" + (reason == null ? "" : " (" + reason + ")")
                + "; check the URL, headers and body.";
        try {
            return json.writeValueAsBytes(Map.of("error", message));
        } catch (JsonProcessingException e) {
            return "{\"error\":\"The request is malformed.\"}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
