package dev.newsdesk.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackSignatureTest {

    // Slack's documented example: https://api.slack.com/authentication/verifying-requests-from-slack
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
            + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String SLACK_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private final SlackSignature atThatTime = signature(Long.parseLong(TIMESTAMP));

    @Test
    void accepts_slacks_own_documented_example() {
        assertThat(atThatTime.isValid(TIMESTAMP, SLACK_SIGNATURE, bytes(BODY))).isTrue();
    }

    @Test
    void refuses_any_change_to_body_timestamp_or_signature() {
        assertThat(atThatTime.isValid(TIMESTAMP, SLACK_SIGNATURE, bytes(BODY + "x"))).isFalse();
        assertThat(atThatTime.isValid("1531420619", SLACK_SIGNATURE, bytes(BODY))).isFalse();
        assertThat(atThatTime.isValid(TIMESTAMP, SLACK_SIGNATURE.replace("v0=a", "v0=b"), bytes(BODY))).isFalse();
        assertThat(atThatTime.isValid(TIMESTAMP, SLACK_SIGNATURE.toUpperCase(), bytes(BODY))).isFalse();
    }

    @Test
    void refuses_missing_or_malformed_headers() {
        assertThat(atThatTime.isValid(null, SLACK_SIGNATURE, bytes(BODY))).isFalse();
        assertThat(atThatTime.isValid(TIMESTAMP, null, bytes(BODY))).isFalse();
        assertThat(atThatTime.isValid("yesterday", SLACK_SIGNATURE, bytes(BODY))).isFalse();
        assertThat(atThatTime.isValid(TIMESTAMP, "", bytes(BODY))).isFalse();
    }

    @Test
    void refuses_requests_more_than_five_minutes_old_or_ahead() {
        long sent = Long.parseLong(TIMESTAMP);

        assertThat(signature(sent + 300).isValid(TIMESTAMP, SLACK_SIGNATURE, bytes(BODY))).isTrue();
        assertThat(signature(sent - 300).isValid(TIMESTAMP, SLACK_SIGNATURE, bytes(BODY))).isTrue();
        assertThat(signature(sent + 301).isValid(TIMESTAMP, SLACK_SIGNATURE, bytes(BODY))).isFalse();
        assertThat(signature(sent - 301).isValid(TIMESTAMP, SLACK_SIGNATURE, bytes(BODY))).isFalse();
    }

    @Test
    void signs_the_utf_8_bytes_of_the_body_whatever_the_platform_charset() {
        String body = "{\"text\":\"Что сказал Блинкен? 🇺🇦\"}";
        String expected = SlackHarness.sign(SECRET, Long.parseLong(TIMESTAMP), body);

        assertThat(atThatTime.isValid(TIMESTAMP, expected, body.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(atThatTime.isValid(TIMESTAMP, expected, body.getBytes(StandardCharsets.UTF_16))).isFalse();
    }

    private static SlackSignature signature(long nowSeconds) {
        return new SlackSignature(SECRET, Clock.fixed(Instant.ofEpochSecond(nowSeconds), ZoneOffset.UTC));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
