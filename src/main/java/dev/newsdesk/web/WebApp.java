package dev.newsdesk.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.answer.Served;
import dev.newsdesk.access.Access;
import dev.newsdesk.access.OidcIssuer;
import dev.newsdesk.access.Overviews;
import dev.newsdesk.answer.InvalidQuestionException;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.index.StoreUnavailableException;
import dev.newsdesk.config.Settings;
import dev.newsdesk.live.ArticleStore;
import dev.newsdesk.live.LiveIngest;
import dev.newsdesk.feedback.FeedbackLog;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.List;
import java.util.LinkedHashMap;
import io.javalin.http.UnauthorizedResponse;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web front end on one Javalin server: the chat page, the JSON API, /health and /metrics.
 * It listens before the engine exists, so that a slow first index build shows as "loading" (503)
 * on /health rather than as a refused connection; {@link #ready(Served)} then switches the API on.
 * Other features add their routes with {@link #addRoutes(Consumer)}.
 */
public final class WebApp implements AutoCloseable {

    static final String STORE_UNAVAILABLE = "The articles cannot be searched just now (their store is unreachable);"
            + " please try again shortly.";
    static final String SERVER_FAULT = "Something went wrong on the server; it has been logged. Please try again.";

    /** A question and a conversation id fit in a few KB; anything near this is a mistake or abuse. */
    static final long MAX_REQUEST_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

    // The page loads nothing but its own files; even a rendering mistake could not run injected script.
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none';"
                    + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    private final Settings settings;
    private final ServedRef engine = new ServedRef();
    private final HealthHandler health;
    private final Metrics metrics = new Metrics();
    private final OverviewHandler overview;
    private final Access access;
    private final Javalin app;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * {@code feedback} is the log the page's 👍/👎 go to, shared with the Slack app's; {@code access} says who
     * may read what; {@code issuer} signs people in (null: sign-in off, everyone reads every collection).
     */
    public WebApp(Settings settings, FeedbackLog feedback, Access access, OidcIssuer issuer, Overviews overviews) {
        this.settings = settings;
        this.access = access;
        this.app = Javalin.create(config -> configure(config, json));
        Settings.Limits limits = settings.limits();
        ChatHandler chat = new ChatHandler(engine, metrics, json, new Admission(limits.answering(), limits.waiting(),
                metrics.registry().counter("newsdesk.questions.refused")));
        this.health = new HealthHandler(settings, engine);
        this.overview = new OverviewHandler(engine, overviews, issuer == null);
        SourcesHandler sources = new SourcesHandler(engine);
        FeedbackHandler votes = new FeedbackHandler(feedback, metrics, json,
                settings.maxQuestionChars(), Clock.systemUTC());
        app.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
        if (issuer == null) {
            app.before(Asker.ANYONE::admit);
        } else {
            if (settings.signIn().clientSecret() == null) {
                LOG.warn("NEWSDESK_OIDC_CLIENT_SECRET is not set: sessions are signed with a key of this process,"
                        + " so they end when it stops and other replicas do not accept them");
            }
            new SignIn(issuer, access, new SignedCookies(settings.signIn().clientSecret(), Clock.systemUTC()),
                    settings.signIn().session(), this::publicUrl).addRoutes(app);
        }
        app.get("/health", health::health)
                .get("/metrics", ctx -> {
                    if (issuer != null) {
                        requireEveryCollection(ctx);
                    }
                    metrics.scrape(ctx);
                })
                .get("/api/me", this::me)
                .post("/api/chat", chat::ask)
                .get("/api/chat/stream", chat::stream)
                .get("/api/sources", sources::list)
                .get("/api/sources/<file>", sources::one)
                .get("/api/overview", overview::overview)
                .post("/api/feedback", votes::vote)
                .exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()))
                .exception(InvalidQuestionException.class, (e, ctx) -> error(ctx, 400, e.getMessage()))
                .exception(StoreUnavailableException.class, this::storeUnavailable)
                .exception(Exception.class, this::unexpected);
    }

    private void configure(JavalinConfig config, ObjectMapper json) {
        config.showJavalinBanner = false;
        JavalinJackson mapper = new JavalinJackson(json, false);
        // Javalin keeps its mapper behind an unsynchronized lazy: the first questions to arrive together
        // would race to initialize it, and some fail with a NullPointerException. Initialized here instead.
        mapper.getMapper();
        config.jsonMapper(mapper);
        config.http.maxRequestSize = MAX_REQUEST_BYTES;
        config.http.prefer405over404 = true;
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new JettyErrors(json));
            ConnectionGuard.install(server, settings.limits(), metrics.registry().counter("newsdesk.connections.refused"));
        });
        // The stream takes the question in its URL: 2000 characters, percent-encoded, can pass Jetty's
        // default 8 KB, and EventSource would then show a refused request as an unreachable server.
        config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(32 * 1024));
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
        });
        config.requestLogger.http(metrics::request);
    }

    /** Adds routes of another feature (e.g. Slack); may be called before or after {@link #start()}. */
    public WebApp addRoutes(Consumer<Javalin> routes) {
        routes.accept(app);
        return this;
    }

    /** Listens on the configured host and port (port 0: any free port, see {@link #port()}). */
    public WebApp start() {
        try {
            app.start(settings.host(), settings.port());
        } catch (JavalinBindException e) {
            throw new NewsdeskException("Cannot listen on " + settings.host() + ":" + settings.port() + " ("
                    + e.getMessage() + "); pass --port or set NEWSDESK_PORT to a free port.", e);
        }
        return this;
    }

    /**
     * Reports live ingestion on /health and /metrics, and serves the admin API that adds and removes articles
     * through {@code live}: on while {@code access} knows an admin token (404 otherwise).
     */
    public void live(LiveIngest live, ArticleStore store) {
        health.ingest(live::status);
        metrics.ingest(live);
        ArticlesHandler articles = new ArticlesHandler(access, store, live, engine, json);
        app.post("/api/articles", articles::add).delete("/api/articles/<file>", articles::remove);
    }

    /** Where browsers reach this server, without a trailing slash: NEWSDESK_PUBLIC_URL, else the address it listens on. */
    private String publicUrl() {
        String configured = settings.signIn().publicUrl();
        return configured != null ? configured.replaceAll("/+$", "") : "http://" + settings.host() + ":" + app.port();
    }

    /** GET /api/me: who is signed in and which collections they read, for the page's header and its kept chat. */
    private void me(Context ctx) {
        Asker asker = Asker.of(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signedIn", asker.person() != null);
        if (asker.person() != null) {
            body.put("id", asker.person().id());
            body.put("name", asker.person().shown());
            body.put("collections", asker.scope().collections() == null ? List.of("*")
                    : asker.scope().collections().stream().sorted().toList());
        }
        ctx.json(body);
    }

    /** /metrics counts every collection's articles: with sign-in on, only a token for all of them may read it. */
    private void requireEveryCollection(Context ctx) {
        if (access.adminToken(SignIn.bearer(ctx)).filter(scope -> scope.collections() == null).isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"newsdesk\"");
            throw new UnauthorizedResponse("/metrics counts every collection: send 'Authorization: Bearer <token>' with"
                    + " NEWSDESK_ADMIN_TOKEN or an access-file admin token for [\"*\"].");
        }
    }

    /** Serves questions from {@code loaded} from now on; /health turns 200. */
    public void ready(Served loaded) {
        ready(loaded, () -> "off");
    }

    /** As {@link #ready(Served)}, with what /health should say of the Slack endpoints. */
    public void ready(Served loaded, Supplier<Object> slack) {
        metrics.indexLoaded(loaded.health());
        health.slack(slack);
        engine.set(loaded);
        overview.prepare(loaded);
    }

    public int port() {
        return app.port();
    }

    /** Where other features register their meters, so that /metrics shows them. */
    public MeterRegistry meters() {
        return metrics.registry();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The reason (cluster addresses included) goes to the log and /health, not to every client. */
    private void storeUnavailable(StoreUnavailableException e, Context ctx) {
        LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        ctx.header("Retry-After", "5");
        error(ctx, HttpStatus.SERVICE_UNAVAILABLE.getCode(), STORE_UNAVAILABLE);
    }

    private void unexpected(Exception e, Context ctx) {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        error(ctx, HttpStatus.INTERNAL_SERVER_ERROR.getCode(), SERVER_FAULT);
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }
}
