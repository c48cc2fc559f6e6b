package dev.newsdesk.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenID Connect issuer people sign in with, through Nimbus's OAuth 2.0 SDK: the authorization code
 * flow with PKCE (S256), state and nonce for the page, and access tokens checked for the API. Every token is
 * checked against the keys the issuer publishes (fetched and cached by Nimbus, refetched when a new key id
 * appears), its issuer, audience and expiry; unsigned tokens ({@code alg: none}) and HMAC ones, which anyone
 * holding the client secret could forge, are refused.
 */
public final class OidcIssuer {

    /** A sign-in refused: the message says why, in words fit for the person signing in. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /** A sign-in begun: where to send the browser, and what its return must match. */
    public record Authorization(URI redirect, String state, String nonce, String verifier) {
    }

    private static final Set<JWSAlgorithm> SIGNATURES = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);
    private static final int TIMEOUT_MILLIS = 10_000;

    private final OIDCProviderMetadata metadata;
    private final ClientID client;
    private final Secret secret;
    private final String groupsClaim;
    private final IDTokenValidator idTokens;
    private final DefaultJWTProcessor<SecurityContext> accessTokens;
    /** Access tokens that checked out, and until when they hold. */
    private final Cache<String, Checked> checked = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(5)).build();

    private record Checked(Person person, Instant expires) {
    }

    private OidcIssuer(OIDCProviderMetadata metadata, Settings.SignIn settings) throws MalformedURLException {
        this.metadata = metadata;
        this.client = new ClientID(settings.clientId());
        this.secret = settings.clientSecret() == null ? null : new Secret(settings.clientSecret());
        this.groupsClaim = settings.groupsClaim();
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL())
                .retrying(true).build();
        JWSVerificationKeySelector<SecurityContext> selector = new JWSVerificationKeySelector<>(SIGNATURES, keys);
        this.idTokens = new IDTokenValidator(metadata.getIssuer(), client, selector, null);
        this.accessTokens = new DefaultJWTProcessor<>();
        // RFC 9068 access tokens are typed "at+jwt"; many issuers still type them "JWT" or not at all.
        accessTokens.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        accessTokens.setJWSKeySelector(selector);
        // Nimbus asks these sets whether they contain null, which Set.of refuses to be asked.
        accessTokens.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(List.of(settings.audience())),
                new JWTClaimsSet.Builder().issuer(metadata.getIssuer().getValue()).build(),
                new HashSet<>(List.of("sub", "exp")), null));
    }

    /** Reads the issuer's published configuration ({@code /.well-known/openid-configuration}). */
    public static OidcIssuer discover(Settings.SignIn settings) {
        try {
            return new OidcIssuer(OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), TIMEOUT_MILLIS,
                    TIMEOUT_MILLIS), settings);
        } catch (IOException | GeneralException e) {
            throw new NewsdeskException("Cannot read the configuration of the OpenID Connect issuer " + settings.issuer()
                    + " (" + e.getMessage() + "); check NEWSDESK_OIDC_ISSUER (its /.well-known/openid-configuration"
                    + " must answer) and that this machine reaches it.", e);
        }
    }

    /** A new sign-in that returns to {@code callback}: fresh state, nonce and PKCE verifier. */
    public Authorization authorization(URI callback) {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI redirect = new AuthenticationRequest.Builder(ResponseType.CODE,
                new com.nimbusds.oauth2.sdk.Scope("openid", "profile", "email"), client, callback)
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
        return new Authorization(redirect, state.getValue(), nonce.getValue(), verifier.getValue());
    }

    /**
     * Finishes the sign-in {@code begun} when the browser returns to {@code returned} (the callback URL with
     * its query): checks the state, trades the code (with the verifier) for tokens, checks the ID token.
     */
    public Person signIn(URI returned, URI callback, Authorization begun) throws Refused {
        AuthenticationResponse response;
        try {
            response = AuthenticationResponseParser.parse(returned);
        } catch (ParseException e) {
            throw new Refused("The sign-in came back malformed (" + e.getMessage() + ").");
        }
        if (!new State(begun.state()).equals(response.getState())) {
            throw new Refused("The sign-in came back for another attempt (its state does not match).");
        }
        if (response instanceof AuthenticationErrorResponse error) {
            throw new Refused("The identity provider refused the sign-in: " + error.getErrorObject().getDescription());
        }
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
        if (code == null) {
            throw new Refused("The identity provider sent no authorization code.");
        }
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(code, callback, new CodeVerifier(begun.verifier()));
        // A public client (no secret) is identified by its id alone; PKCE is then what binds the code to it.
        TokenRequest request = secret == null ? new TokenRequest(metadata.getTokenEndpointURI(), client, grant)
                : new TokenRequest(metadata.getTokenEndpointURI(), new ClientSecretBasic(client, secret), grant);
        OIDCTokens tokens;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MILLIS);
            http.setReadTimeout(TIMEOUT_MILLIS);
            TokenResponse tokenResponse = OIDCTokenResponseParser.parse(http.send());
            if (!tokenResponse.indicatesSuccess()) {
                throw new Refused("The identity provider would not trade the code for tokens: "
                        + tokenResponse.toErrorResponse().getErrorObject().getDescription());
            }
            tokens = (OIDCTokens) tokenResponse.toSuccessResponse().getTokens();
        } catch (IOException | ParseException | ClassCastException e) {
            throw new Refused("The identity provider could not be reached to finish the sign-in (" + e.getMessage() + ").");
        }
        try {
            IDTokenClaimsSet claims = idTokens.validate(tokens.getIDToken(), new Nonce(begun.nonce()));
            return person(claims.toJWTClaimsSet());
        } catch (BadJOSEException | JOSEException | com.nimbusds.oauth2.sdk.ParseException e) {
            throw new Refused("The identity provider's ID token did not check out (" + e.getMessage() + ").");
        }
    }

    /**
     * The person an API access token ({@code Authorization: Bearer}) stands for; empty when it does not check
     * out. A client sends the same token with every request until it expires, so a token that checked out is
     * remembered until its expiry (or five minutes, whichever comes first): the signature is checked once.
     */
    public Optional<Person> bearer(String token) {
        Checked known = checked.getIfPresent(token);
        if (known != null && known.expires().isAfter(Instant.now())) {
            return Optional.of(known.person());
        }
        try {
            JWTClaimsSet claims = accessTokens.process(token, null);
            Person person = person(claims);
            checked.put(token, new Checked(person, claims.getExpirationTime().toInstant()));
            return Optional.of(person);
        } catch (java.text.ParseException | BadJOSEException | JOSEException e) {
            return Optional.empty();
        }
    }

    /** Where signing out at the issuer begins, when it has such an endpoint. */
    public Optional<URI> endSession() {
        return Optional.ofNullable(metadata.getEndSessionEndpointURI());
    }

    public String clientId() {
        return client.getValue();
    }

    /**
     * The person of {@code claims}. The email counts only when {@code email_verified} is true: some issuers
     * let anyone set an unverified address, which must not match a person of the access file.
     */
    private Person person(JWTClaimsSet claims) {
        String email = Boolean.TRUE.equals(claims.getClaim("email_verified")) ? text(claims.getClaim("email")) : null;
        String hosted = text(claims.getClaim("hd"));
        String domain = hosted != null ? hosted : email == null ? null : email.substring(email.indexOf('@') + 1);
        return new Person(claims.getIssuer() + " " + claims.getSubject(), text(claims.getClaim("name")), email,
                domain == null ? null : domain.toLowerCase(java.util.Locale.ROOT), groups(claims.getClaims()));
    }

    /** The groups claim: a list or one string; a dotted name looks inside objects ("realm_access.roles"). */
    private Set<String> groups(Map<String, Object> claims) {
        Object value = claims;
        for (String part : groupsClaim.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        if (value == null && claims.containsKey(groupsClaim)) {
            value = claims.get(groupsClaim);
        }
        List<String> groups = new ArrayList<>();
        if (value instanceof String one) {
            groups.add(one);
        } else if (value instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(groups::add);
        }
        return new LinkedHashSet<>(groups);
    }

    private static String text(Object claim) {
        return claim instanceof String s && !s.isBlank() ? s : null;
    }
}
