package dev.newsdesk.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing (v0): {@code X-Slack-Signature} must be {@code v0=} plus the hex HMAC-SHA256 of
 * {@code v0:<timestamp>:<raw body>} keyed with the signing secret. Written here rather than taken from the
 * SDK because the SDK's verifier encodes with the platform charset and compares strings in variable time.
 */
public final class SlackSignature {

    /** Slack's advice: a request older (or newer) than this may be a replay. */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "v0";

    private final SecretKeySpec key;
    private final Clock clock;

    public SlackSignature(String signingSecret, Clock clock) {
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = clock;
    }

    /** Whether the request is Slack's own and fresh; any missing or malformed part means no. */
    public boolean isValid(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || body == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > MAX_SKEW.toSeconds()) {
            return false;
        }
        byte[] expected = sign(timestamp.strip(), body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** The signature Slack would send for {@code body} at {@code timestamp} (epoch seconds). */
    private String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
