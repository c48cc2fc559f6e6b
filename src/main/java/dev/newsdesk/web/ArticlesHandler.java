package dev.newsdesk.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.access.Access;
import dev.newsdesk.access.Scope;
import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.Published;
import dev.newsdesk.live.ArticleStore;
import dev.newsdesk.live.LiveIngest;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.UnauthorizedResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The admin API of the living archive: POST /api/articles writes an article into the corpus folder
 * (into its collection's folder) and answers once it is searchable; DELETE /api/articles/{file} removes one.
 * Both need {@code Authorization: Bearer <token>}: NEWSDESK_ADMIN_TOKEN writes every collection, a token of
 * the access file the collections it lists.
 */
final class ArticlesHandler {

    /** Articles are longer than questions; a megabyte is still far beyond any news story. */
    static final int MAX_ARTICLE_BYTES = 1024 * 1024;
    /** How long a call waits for its article to become searchable before saying it is still queued. */
    private static final long SEARCHABLE_WITHIN_SECONDS = 30;
    private static final String EXAMPLE = "send JSON {\"title\", \"text\", \"url\"?, \"source\"?, \"published\"?,"
            + " \"author\"?, \"collection\"?} with 'Content-Type: application/json', or a page with 'Content-Type:"
            + " text/html' and ?url=its-address (and &collection=name)";

    private final Access access;
    private final ArticleStore store;
    private final LiveIngest live;
    private final ServedRef engine;
    private final ObjectMapper json;

    ArticlesHandler(Access access, ArticleStore store, LiveIngest live, ServedRef engine, ObjectMapper json) {
        this.access = access;
        this.store = store;
        this.live = live;
        this.engine = engine;
        this.json = json;
    }

    /** The collections the request's admin token writes; 401 without one, 404 while no token is set at all. */
    Scope authorize(Context ctx) {
        if (!access.hasAdminTokens()) {
            throw new NotFoundResponse("The admin API is off: set NEWSDESK_ADMIN_TOKEN, or list admin_tokens in the"
                    + " access file.");
        }
        return access.adminToken(SignIn.bearer(ctx)).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer");
            return new UnauthorizedResponse("Send 'Authorization: Bearer <token>' with the token set in"
                    + " NEWSDESK_ADMIN_TOKEN, or one the access file lists under admin_tokens.");
        });
    }

    /** The collection a new article goes to: the request's {@code collection}, which the token must write. */
    private static String collection(String requested, Scope writes) {
        String name = Article.Meta.collectionName(requested == null ? Article.Meta.DEFAULT_COLLECTION : requested)
                .orElseThrow(() -> new BadRequestResponse("\"collection\" must be 1 to 64 letters, digits, - or _"
                        + " (a first-level folder of the corpus); omit it for \"default\"."));
        if (!writes.reads(name)) {
            throw new ForbiddenResponse("This token may not add articles to collection \"" + name + "\".");
        }
        return name;
    }

    void add(Context ctx) {
        Scope writes = authorize(ctx);
        if (sentToWriter(ctx)) {
            return;
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        String file;
        try {
            if (type.startsWith("application/json")) {
                file = store.write(article(JsonBody.read(ctx, json, EXAMPLE, MAX_ARTICLE_BYTES), writes));
            } else if (type.startsWith("text/html")) {
                String url = ctx.queryParam("url");
                if (url == null || !url.matches("(?i)https?://\\S+")) {
                    throw new BadRequestResponse("A page needs its address: add ?url=https://… to the request.");
                }
                String collection = collection(ctx.queryParam("collection"), writes);
                file = store.writeHtml(LimitedBody.read(ctx, MAX_ARTICLE_BYTES, EXAMPLE + "."), url, null, collection);
            } else {
                throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(), "Unknown body type; " + EXAMPLE + ".");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write into the corpus folder", e);
        }
        if (!awaitSearchable(file)) {
            ctx.status(HttpStatus.ACCEPTED).json(Map.of("file", file, "status", "queued"));
            return;
        }
        Article article = engine.get().catalogue().article(file)
                .orElseThrow(() -> new BadRequestResponse("The article has no readable text; " + EXAMPLE + "."));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", file);
        body.put("title", article.title());
        body.put("source", article.meta().source());
        body.put("url", article.meta().url());
        body.put("published", article.meta().published());
        body.put("collection", article.collection());
        body.put("chunks", engine.get().catalogue().chunkCount(file));
        ctx.status(HttpStatus.CREATED).json(body);
    }

    void remove(Context ctx) {
        Scope writes = authorize(ctx);
        if (sentToWriter(ctx)) {
            return;
        }
        String file = ctx.pathParam("file");
        // The collection is the article's as read (its folder's, or its front matter's at the top); a file not
        // read yet counts as in its folder's. A file of another collection is, to this token, no file at all.
        Optional<Article> article = engine.get().catalogue().article(file);
        String collection = article.map(Article::collection).orElseGet(() -> file.contains("/")
                ? Article.Meta.collectionName(file.substring(0, file.indexOf('/'))).orElse("")
                : Article.Meta.DEFAULT_COLLECTION);
        if (!writes.reads(collection)) {
            throw new NotFoundResponse("No article by that name among the collections this token writes.");
        }
        boolean known = article.isPresent();
        boolean deleted;
        try {
            deleted = store.delete(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete from the corpus folder", e);
        }
        if (!known && !deleted) {
            throw new NotFoundResponse("No article by that name; GET /api/sources lists them.");
        }
        awaitSearchable(file);
        ctx.json(Map.of("file", file, "deleted", true));
    }

    /**
     * On a replica that does not write the cluster store, sends the request on to the process that does:
     * a 307, which clients repeat there with the same method and body. While no process writes (one
     * stopped and the next has not taken over yet), a 503 to try again shortly.
     */
    private boolean sentToWriter(Context ctx) {
        if (live.status().writes()) {
            return false;
        }
        Optional<String> writer = live.writerElsewhere();
        if (writer.isEmpty()) {
            ctx.header("Retry-After", "5");
            throw new ServiceUnavailableResponse("No process writes the archive at this moment (the writer is being"
                    + " replaced); send the article again in a few seconds.");
        }
        String location = writer.get().replaceAll("/+$", "") + ctx.path()
                + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        ctx.header("Location", location);
        ctx.status(HttpStatus.TEMPORARY_REDIRECT).json(Map.of("error",
                "This server answers questions; another one writes the archive. Send the request to " + location + "."));
        return true;
    }

    /** Waits until {@code file}'s change is searchable; false when indexing is too busy to tell yet. */
    private boolean awaitSearchable(String file) {
        try {
            live.submit(file).get(SEARCHABLE_WITHIN_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            throw new IllegalStateException("indexing " + file + " failed", e.getCause());
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ArticleStore.NewArticle article(JsonBody request, Scope writes) {
        String published = request.text("published", false);
        if (published != null && Published.parse(published).isEmpty()) {
            throw new BadRequestResponse("\"published\" must be an ISO date or date-time (2024-05-22 or"
                    + " 2024-05-22T14:05:00Z).");
        }
        String url = request.text("url", false);
        if (url != null && !url.matches("(?i)https?://\\S+")) {
            throw new BadRequestResponse("\"url\" must be an http(s) address.");
        }
        return new ArticleStore.NewArticle(required(request, "title"), required(request, "text"), url,
                request.text("source", false), published, request.text("author", false),
                collection(request.text("collection", false), writes));
    }

    private static String required(JsonBody request, String field) {
        String value = request.text(field, true);
        if (value.isBlank()) {
            throw new BadRequestResponse("\"" + field + "\" is empty; " + EXAMPLE + ".");
        }
        return value.strip();
    }

}
