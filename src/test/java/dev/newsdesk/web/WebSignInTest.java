package dev.newsdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsdesk.SignInProvider;
import dev.newsdesk.TwoCollections;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With an OpenID Connect issuer configured, nobody reaches anything but /health and the sign-in flow without
 * a session or a good access token; the page signs in with the code flow and PKCE, and signs out.
 */
class WebSignInTest {

    private static SignInProvider provider;
    private static TwoCollections archive;
    private static TestServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        provider = new SignInProvider();
        archive = new TwoCollections(Map.of());
        server = TestServer.ready(archive.engine, archive.env(provider.env()));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        archive.close();
        provider.close();
    }

    static Stream<Arguments> apiRoutes() {
        return Stream.of(Arguments.of("GET", "/api/overview"), Arguments.of("GET", "/api/sources"),
                Arguments.of("GET", "/api/sources/ferry.md"), Arguments.of("GET", "/api/me"),
                Arguments.of("GET", "/api/chat/stream?question=Who%20is%20Tomas%20Reyes%3F"),
                Arguments.of("POST", "/api/chat"), Arguments.of("POST", "/api/feedback"), Arguments.of("GET", "/metrics"));
    }

    @ParameterizedTest
    @MethodSource("apiRoutes")
    void the_api_answers_401_without_a_session_or_token(String method, String path) {
        HttpResponse<String> response = server.send(method, path, "application/json",
                method.equals("POST") ? "{\"question\": \"Who is Tomas Reyes?\"}" : null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.body()).doesNotContain("Reyes", "ferry");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/", "/index.html", "/app.js", "/app.css"})
    void the_page_sends_the_browser_to_sign_in_and_back(String path) {
        HttpResponse<String> response = server.get(path);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/signin?return=" + path.replace("/", "%2F"));
    }

    @Test
    void health_stays_open_for_load_balancers_and_counts_nothing() {
        HttpResponse<String> response = server.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = TestServer.json(response);
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.has("articles")).isFalse();
        assertThat(health.has("skipped")).isFalse();
    }

    @Test
    void an_access_token_of_the_issuer_for_this_audience_is_taken() {
        String token = provider.accessToken("bo", List.of());

        HttpResponse<String> response = server.send("GET", "/api/me", null, null, token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(response).get("collections")).extracting(JsonNode::asText).containsExactly("default");
    }

    static Stream<Arguments> refusedTokens() throws Exception {
        SignInProvider p = provider;
        return Stream.of(
                Arguments.of("expired", p.accessToken("bo", List.of(), SignInProvider.AUDIENCE, -3600)),
                Arguments.of("for another audience", p.accessToken("bo", List.of(), "another-api", 3600)),
                Arguments.of("signed by another key", p.signedByAnotherKey(p.claims("bo", List.of()))),
                Arguments.of("unsigned (alg: none)", SignInProvider.unsigned(p.claims("bo", List.of()))),
                Arguments.of("HMAC under the client secret", SignInProvider.signedWithTheClientSecret(p.claims("bo", List.of()))),
                Arguments.of("not a token", "hello"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void a_token_that_does_not_check_out_is_refused(String kind, String token) {
        HttpResponse<String> response = server.send("GET", "/api/overview", null, null, token);

        assertThat(response.statusCode()).as(kind).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).contains("invalid_token"));
    }

    @Test
    void signing_in_gives_an_http_only_same_site_session_through_the_code_flow_with_pkce_and_signing_out_ends_it()
            throws Exception {
        provider.nextSignIn("ana", "Ana Diaz", List.of(TwoCollections.GROUP));

        String session = signIn("/?q=1");

        JsonNode me = TestServer.json(server.getWith("/api/me", "Cookie", session));
        assertThat(me.get("name").asText()).isEqualTo("Ana Diaz");
        assertThat(me.get("collections")).extracting(JsonNode::asText).containsExactly("default", "investigations");
        HttpResponse<String> out = server.send("POST", "/signout", null, null, null);
        assertThat(out.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("newsdesk_session=;")
                .containsIgnoringCase("Max-Age=0"));
        assertThat(TestServer.json(out).get("next").asText()).startsWith(provider.issuer()).contains("post_logout_redirect_uri");
    }

    @Test
    void a_sign_in_that_returns_for_another_attempt_is_refused() throws Exception {
        HttpResponse<String> begun = server.get("/signin");
        String flow = cookie(begun, "newsdesk_signin");

        HttpResponse<String> back = server.getWith("/signin/callback?code=forged&state=another", "Cookie", flow);

        assertThat(back.statusCode()).isEqualTo(401);
        assertThat(back.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("newsdesk_session=e"));
    }

    @Test
    void signing_in_returns_only_to_a_page_of_this_site() throws Exception {
        provider.nextSignIn("cy", "Cy", List.of());

        HttpResponse<String> begun = server.get("/signin?return=//evil.example/x");
        HttpResponse<String> back = followIssuer(begun);

        assertThat(back.headers().firstValue("Location")).hasValue("/");
    }

    @Test
    void the_sign_in_flows_cookie_is_no_session() {
        String flow = cookie(server.get("/signin"), "newsdesk_signin");

        HttpResponse<String> response = server.getWith("/api/me", "Cookie", flow.replace("newsdesk_signin=", "newsdesk_session="));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void an_email_counts_for_the_access_files_people_only_when_the_issuer_verified_it() throws Exception {
        String rules = java.nio.file.Files.readString(archive.accessFile);
        try {
            java.nio.file.Files.writeString(archive.accessFile, rules + "people:\n  ana@example.org: [investigations]\n");
            String unverified = provider.accessToken("eve", Map.of("email", "ana@example.org", "email_verified", false));
            String verified = provider.accessToken("ana", Map.of("email", "ana@example.org", "email_verified", true));

            assertThat(TestServer.json(server.send("GET", "/api/me", null, null, unverified)).get("collections"))
                    .extracting(JsonNode::asText).containsExactly("default");
            assertThat(TestServer.json(server.send("GET", "/api/me", null, null, verified)).get("collections"))
                    .extracting(JsonNode::asText).containsExactly("default", "investigations");
        } finally {
            java.nio.file.Files.writeString(archive.accessFile, rules);
        }
    }

    /** Signs in through the issuer as the next queued person, as a browser would; returns the session cookie. */
    private String signIn(String returnTo) throws Exception {
        HttpResponse<String> begun = server.get("/signin?return=" + java.net.URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
        String authorize = begun.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(provider.issuer()).contains("code_challenge_method=S256", "code_challenge=",
                "nonce=", "state=");
        HttpResponse<String> back = followIssuer(begun);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location")).hasValue(returnTo);
        String setCookie = back.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("newsdesk_session="))
                .findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** From the sign-in's start, through the issuer's authorization endpoint, to this server's callback. */
    private HttpResponse<String> followIssuer(HttpResponse<String> begun) throws Exception {
        String flow = cookie(begun, "newsdesk_signin");
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(begun.headers().firstValue("Location")
                .orElseThrow())).GET().build(), HttpResponse.BodyHandlers.ofString());
        String callback = issued.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(server.url("/signin/callback"));
        return server.getWith(callback.substring(callback.indexOf("/signin/callback")), "Cookie", flow);
    }

    private static String cookie(HttpResponse<String> response, String name) {
        String set = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }
}
