package dev.newsdesk.web;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.newsdesk.access.Access;
import dev.newsdesk.access.OidcIssuer;
import dev.newsdesk.access.Person;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.RedirectResponse;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Sign-in through the OpenID Connect issuer, and the gate every request passes. The page signs people in
 * with the code flow ({@code /signin} → the issuer → {@code /signin/callback}) and keeps them in a signed,
 * HttpOnly, SameSite=Lax session cookie (Secure behind https); {@code POST /signout} ends it. The API takes
 * the issuer's access tokens ({@code Authorization: Bearer}). Without either, a page request is sent to sign
 * in and an API request gets 401. Open to all: {@code /health} (load balancers), the sign-in flow itself,
 * the Slack endpoints (Slack's signature is their check), the admin API and /metrics (their own tokens).
 */
final class SignIn {

    static final String SIGN_IN_FIRST = "Sign in first: open the page in a browser, or send 'Authorization: Bearer"
            + " <access token>' with a token of this server's identity provider.";
    static final String SESSION = "newsdesk_session";
    private static final String FLOW = "newsdesk_signin";
    private static final Duration FLOW_LIFETIME = Duration.ofMinutes(10);
    private static final Pattern OPEN = Pattern.compile("/health|/metrics|/signin(/callback)?|/signout|/slack/.*|/api/articles(/.*)?");
    /** A path of this site to return to after signing in: never "//host" or "/\\host", which browsers read as another site. */
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[^\\s]*");

    private final OidcIssuer issuer;
    private final Access access;
    private final SignedCookies cookies;
    private final Duration session;
    private final Supplier<String> publicUrl;

    /** {@code publicUrl} gives where browsers reach this server, without a trailing slash. */
    SignIn(OidcIssuer issuer, Access access, SignedCookies cookies, Duration session, Supplier<String> publicUrl) {
        this.issuer = issuer;
        this.access = access;
        this.cookies = cookies;
        this.session = session;
        this.publicUrl = publicUrl;
    }

    void addRoutes(Javalin app) {
        app.before(this::gate)
                .get("/signin", this::begin)
                .get("/signin/callback", this::callback)
                .post("/signout", this::signOut);
    }

    private void gate(Context ctx) {
        if (OPEN.matcher(ctx.path()).matches()) {
            return;
        }
        String bearer = bearer(ctx);
        Optional<Person> person = bearer != null ? issuer.bearer(bearer) : session(ctx);
        if (person.isPresent()) {
            new Asker(person.get(), access.reader(person.get())).admit(ctx);
            return;
        }
        if (bearer == null && "GET".equals(ctx.method().name()) && !ctx.path().startsWith("/api/")
                && !ctx.path().equals("/metrics")) {
            String back = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.header("Location", "/signin?return=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
            throw new RedirectResponse(HttpStatus.FOUND, "Sign in first.");
        }
        ctx.header("WWW-Authenticate", bearer == null ? "Bearer realm=\"newsdesk\""
                : "Bearer realm=\"newsdesk\", error=\"invalid_token\"");
        throw new UnauthorizedResponse(bearer == null ? SIGN_IN_FIRST
                : "The access token was refused (expired, for another audience, or not signed by this server's"
                  + " identity provider); get a new one from the identity provider.");
    }

    private void begin(Context ctx) {
        String back = Optional.ofNullable(ctx.queryParam("return")).filter(r -> LOCAL_PATH.matcher(r).matches()).orElse("/");
        OidcIssuer.Authorization authorization = issuer.authorization(callback());
        JWTClaimsSet flow = new JWTClaimsSet.Builder()
                .claim("state", authorization.state()).claim("nonce", authorization.nonce())
                .claim("verifier", authorization.verifier()).claim("return", back).build();
        ctx.cookie(cookie(FLOW, cookies.sign(FLOW, flow, FLOW_LIFETIME), "/signin", (int) FLOW_LIFETIME.toSeconds()));
        ctx.redirect(authorization.redirect().toString(), HttpStatus.FOUND);
    }

    private void callback(Context ctx) {
        Optional<JWTClaimsSet> flow = cookies.read(FLOW, ctx.cookie(FLOW));
        ctx.cookie(cookie(FLOW, "", "/signin", 0));
        if (flow.isEmpty()) {
            refuse(ctx, "This sign-in has expired or was begun in another browser.");
            return;
        }
        try {
            JWTClaimsSet begun = flow.get();
            OidcIssuer.Authorization authorization = new OidcIssuer.Authorization(null, begun.getStringClaim("state"),
                    begun.getStringClaim("nonce"), begun.getStringClaim("verifier"));
            URI returned = URI.create(callback() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
            Person person = issuer.signIn(returned, callback(), authorization);
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(person.id()).claim("name", person.name())
                    .claim("email", person.email()).claim("domain", person.domain())
                    .claim("groups", List.copyOf(person.groups())).build();
            ctx.cookie(cookie(SESSION, cookies.sign(SESSION, claims, session), "/", (int) session.toSeconds()));
            ctx.redirect(begun.getStringClaim("return"), HttpStatus.FOUND);
        } catch (OidcIssuer.Refused e) {
            refuse(ctx, e.getMessage());
        } catch (ParseException e) {
            refuse(ctx, "This sign-in's state could not be read.");
        }
    }

    /** Ends the session here and says where to end it at the issuer too (when it can). */
    private void signOut(Context ctx) {
        ctx.cookie(cookie(SESSION, "", "/", 0));
        String home = publicUrl.get() + "/";
        String next = issuer.endSession().map(end -> end + (end.getQuery() == null ? "?" : "&")
                + "client_id=" + URLEncoder.encode(issuer.clientId(), StandardCharsets.UTF_8)
                + "&post_logout_redirect_uri=" + URLEncoder.encode(home, StandardCharsets.UTF_8)).orElse(home);
        ctx.json(Map.of("signedOut", true, "next", next));
    }

    private Optional<Person> session(Context ctx) {
        return cookies.read(SESSION, ctx.cookie(SESSION)).filter(claims -> claims.getSubject() != null).map(claims -> {
            Object groups = claims.getClaim("groups");
            return new Person(claims.getSubject(), (String) claims.getClaim("name"), (String) claims.getClaim("email"),
                    (String) claims.getClaim("domain"),
                    groups instanceof List<?> list ? new HashSet<>(list.stream().map(String::valueOf).toList()) : Set.of());
        });
    }

    /** The bearer token of the request's {@code Authorization} header; null without one. */
    static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    }

    private URI callback() {
        return URI.create(publicUrl.get() + "/signin/callback");
    }

    private Cookie cookie(String name, String value, String path, int maxAge) {
        boolean secure = publicUrl.get().startsWith("https://");
        return new Cookie(name, value, path, maxAge, secure, 0, true, null, null, SameSite.LAX);
    }

    private static void refuse(Context ctx, String why) {
        ctx.status(HttpStatus.UNAUTHORIZED).contentType("text/plain; charset=utf-8")
                .result("Signing in did not work: " + why + " Open / to try again.");
    }
}
