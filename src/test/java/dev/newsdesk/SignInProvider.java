package dev.newsdesk;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID Connect provider on loopback (NAV's mock-oauth2-server: discovery, published keys, the
 * authorization code flow, tokens signed with its own RSA key), and the tokens the tests present to the
 * server: good ones, and forged ones of every kind the server must refuse.
 */
public final class SignInProvider implements AutoCloseable {

    public static final String ISSUER_ID = "newsdesk";
    public static final String CLIENT = "newsdesk-web";
    public static final String SECRET = "client-secret-for-tests";
    public static final String AUDIENCE = "newsdesk-api";

    private final MockOAuth2Server server = new MockOAuth2Server();

    public SignInProvider() {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /** The settings that turn sign-in on against this provider. */
    public Map<String, String> env() {
        return Map.of("NEWSDESK_OIDC_ISSUER", issuer(), "NEWSDESK_OIDC_CLIENT_ID", CLIENT,
                "NEWSDESK_OIDC_CLIENT_SECRET", SECRET, "NEWSDESK_OIDC_AUDIENCE", AUDIENCE);
    }

    /** The next sign-in through the browser flow is {@code subject}'s, in {@code groups}. */
    public void nextSignIn(String subject, String name, List<String> groups) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT),
                Map.of("name", name, "groups", groups), 3600));
    }

    /** An access token for the API, for {@code audience}, expiring {@code seconds} from now (negative: already expired). */
    public String accessToken(String subject, List<String> groups, String audience, long seconds) {
        return server.issueToken(ISSUER_ID, "api-client", new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT",
                List.of(audience), Map.of("groups", groups), seconds)).serialize();
    }

    public String accessToken(String subject, List<String> groups) {
        return accessToken(subject, groups, AUDIENCE, 3600);
    }

    /** An access token for the API carrying these claims. */
    public String accessToken(String subject, Map<String, Object> claims) {
        return server.issueToken(ISSUER_ID, "api-client", new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT",
                List.of(AUDIENCE), claims, 3600)).serialize();
    }

    /** The claims of a good token for {@code subject}, for forging. */
    public JWTClaimsSet claims(String subject, List<String> groups) {
        return new JWTClaimsSet.Builder().issuer(issuer()).subject(subject).audience(AUDIENCE)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .claim("groups", groups).build();
    }

    /** Signed with a key the provider never published. */
    public String signedByAnotherKey(JWTClaimsSet claims) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("mock-oauth2-server-key").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** Unsigned: {@code alg: none}. */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** Signed with HMAC under the client secret, which any holder of that secret could do. */
    public static String signedWithTheClientSecret(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner((SECRET + SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
