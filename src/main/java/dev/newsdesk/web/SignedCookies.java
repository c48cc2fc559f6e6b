package dev.newsdesk.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;

/**
 * Cookie values the server alone can make: claims in a JWT signed with HMAC-SHA256 (Nimbus JOSE), so a
 * session lives in the browser, not in one process's memory, and any replica sharing the key reads it.
 * The key comes from the OpenID Connect client secret, which every replica has; without one, a random
 * key of this process (sign-ins then end with it).
 */
final class SignedCookies {

    private static final String USE = "use";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    SignedCookies(String clientSecret, Clock clock) {
        byte[] key = clientSecret == null ? random() : sha256("newsdesk session cookies\n" + clientSecret);
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("a 256-bit key is long enough for HS256", e);
        }
        this.clock = clock;
    }

    /**
     * {@code claims} signed for {@code use} (the cookie's name), valid for {@code lifetime}. The use is signed
     * with them, so that a value made for one cookie is never taken as another's.
     */
    String sign(String use, JWTClaimsSet claims, Duration lifetime) {
        JWTClaimsSet timed = new JWTClaimsSet.Builder(claims).claim(USE, use)
                .expirationTime(Date.from(clock.instant().plus(lifetime))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), timed);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with an HMAC key cannot fail", e);
        }
        return jwt.serialize();
    }

    /** The claims of a value {@link #sign} made for {@code use} and that has not expired; empty for anything else. */
    Optional<JWTClaimsSet> read(String use, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(value);
            // Only our own algorithm: a value claiming "none" or another one is not ours.
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            return expires != null && expires.toInstant().isAfter(clock.instant()) && use.equals(claims.getClaim(USE))
                    ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    private static byte[] random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
