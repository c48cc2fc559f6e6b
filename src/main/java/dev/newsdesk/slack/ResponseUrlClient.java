package dev.newsdesk.slack;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.slack.api.util.json.GsonFactory;
import dev.newsdesk.slack.DeliveryPolicy.Attempt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Replies through a slash command's or button's {@code response_url}: a plain JSON POST (java.net.http,
 * which never resends a POST by itself) under the same {@link DeliveryPolicy} as the Web API.
 */
public final class ResponseUrlClient {

    /** The SDK's own serializer, so Block Kit models come out exactly as the SDK would send them. */
    private static final Gson GSON = GsonFactory.createSnakeCase();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final DeliveryPolicy policy;

    public ResponseUrlClient(DeliveryPolicy policy) {
        this.policy = policy;
    }

    /** Posts {@code message} as a new message, visible to everyone or only to the asker. */
    public boolean post(String responseUrl, SlackMessage message, boolean inChannel) {
        JsonObject json = new JsonObject();
        json.addProperty("response_type", inChannel ? "in_channel" : "ephemeral");
        json.addProperty("replace_original", false);
        json.addProperty("text", message.text());
        if (!message.blocks().isEmpty()) {
            json.add("blocks", GSON.toJsonTree(message.blocks()));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(responseUrl))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(GSON.toJson(json)))
                .build();
        return policy.deliver("response_url", n -> {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return Attempt.done();
                }
                return status == 429
                        ? Attempt.retryAfter(DeliveryPolicy.retryAfter(
                                response.headers().firstValue("Retry-After").orElse(null), n), "HTTP 429")
                        : Attempt.giveUp("HTTP " + status + " " + response.body());
            } catch (IOException e) {
                return Attempt.failed(e, n);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Attempt.giveUp("interrupted");
            }
        });
    }
}
