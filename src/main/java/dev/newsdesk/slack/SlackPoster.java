package dev.newsdesk.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.util.http.SlackHttpClient;
import dev.newsdesk.config.Settings;
import dev.newsdesk.slack.DeliveryPolicy.Attempt;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's Web API through the Slack SDK: posting answers in threads and learning the bot's own user id.
 * The SDK's OkHttp client is rebuilt without OkHttp's silent retry on connection failure, which could
 * resend a POST that Slack already received; {@link DeliveryPolicy} decides about every retry instead,
 * and a request that met a stale connection ({@link StaleConnections}) is sent once more on a new one.
 */
public final class SlackPoster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackPoster.class);

    /** Slack's own word that nothing was posted and the same request may succeed later. */
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "service_unavailable", "request_timeout");
    /** Slack refused the blocks; the text alone still carries the answer. */
    private static final Set<String> BAD_BLOCKS = Set.of("invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long");

    private final OkHttpClient okHttp;
    private final MethodsClient methods;
    /** Never reuses a connection: for the one retry of a request that met a stale one. */
    private final MethodsClient freshMethods;
    private final DeliveryPolicy policy;
    private volatile String botUserId;

    public SlackPoster(Settings.Slack settings, DeliveryPolicy policy) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        config.setHttpClientReadTimeoutMillis((int) Duration.ofSeconds(30).toMillis());
        // The SDK's call statistics keep background threads and memory that nothing here reads.
        config.setStatsEnabled(false);
        this.okHttp = SlackHttpClient.buildOkHttpClient(config).newBuilder()
                .retryOnConnectionFailure(false)
                .addNetworkInterceptor(new StaleConnections())
                // Idle connections are dropped early so a POST rarely meets one the server has closed.
                .connectionPool(new ConnectionPool(settings.workers(), 30, TimeUnit.SECONDS))
                .build();
        this.methods = methods(config, okHttp, settings.botToken());
        this.freshMethods = methods(config, okHttp.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .build(), settings.botToken());
        this.policy = policy;
    }

    private static MethodsClient methods(SlackConfig config, OkHttpClient client, String token) {
        SlackHttpClient http = new SlackHttpClient(client);
        http.setConfig(config);
        return Slack.getInstance(config, http).methods(token);
    }

    /** Posts {@code message} into the thread rooted at {@code threadTs}; true when Slack took it. */
    public boolean postInThread(String channel, String threadTs, SlackMessage message) {
        SlackMessage[] current = {message};
        boolean[] stale = {false};
        return policy.deliver("chat.postMessage to " + channel, n -> {
            try {
                SlackMessage m = current[0];
                ChatPostMessageResponse response = (stale[0] ? freshMethods : methods).chatPostMessage(r -> r.channel(channel).threadTs(threadTs)
                        .text(m.text()).blocks(m.blocks().isEmpty() ? null : m.blocks())
                        .unfurlLinks(false).unfurlMedia(false));
                if (response.isOk()) {
                    return Attempt.done();
                }
                String error = response.getError();
                if (BAD_BLOCKS.contains(error) && !m.blocks().isEmpty()) {
                    current[0] = m.withoutBlocks();
                    return Attempt.retryAfter(Duration.ZERO, error + ": sending the text alone");
                }
                return TRANSIENT.contains(error)
                        ? Attempt.retryAfter(DeliveryPolicy.backoff(n), error)
                        : Attempt.giveUp("Slack answered " + error);
            } catch (SlackApiException e) {
                return e.getResponse().code() == 429
                        ? Attempt.retryAfter(DeliveryPolicy.retryAfter(e.getResponse().header("Retry-After"), n), "HTTP 429")
                        : Attempt.giveUp("HTTP " + e.getResponse().code() + ": the post may have been made");
            } catch (IOException e) {
                stale[0] = StaleConnections.isStale(e);
                return Attempt.failed(e, n);
            }
        });
    }

    /** The bot's user id (as in {@code <@U123>}), asked of Slack once it is first needed. */
    public Optional<String> botUserId() {
        if (botUserId == null) {
            try {
                AuthTestResponse response = methods.authTest(r -> r);
                if (response.isOk()) {
                    botUserId = response.getUserId();
                } else {
                    LOG.warn("auth.test failed: {}; check SLACK_BOT_TOKEN", response.getError());
                }
            } catch (IOException | SlackApiException e) {
                LOG.warn("auth.test failed: {}", e.toString());
            }
        }
        return Optional.ofNullable(botUserId);
    }

    /** The bot's user id if already known, without asking Slack. */
    public Optional<String> knownBotUserId() {
        return Optional.ofNullable(botUserId);
    }

    @Override
    public void close() {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }
}
