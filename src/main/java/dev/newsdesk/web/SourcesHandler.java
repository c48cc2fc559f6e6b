package dev.newsdesk.web;

import dev.newsdesk.answer.Engine;
import dev.newsdesk.ingest.Article;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import org.apache.lucene.util.UnicodeUtil;

/**
 * The articles behind the citations, for the page's source viewer. A file is looked up only by its
 * name in the loaded corpus, never on disk, so no path in a request can reach another file.
 */
final class SourcesHandler {

    /** One article in the list; {@code size} is in bytes, as on disk. */
    record Source(String file, String title, int size, int chunks) {
    }

    /** One article in full; citation offsets are code points into {@code text}. */
    record SourceText(String file, String title, String text) {
    }

    private final EngineRef engine;

    SourcesHandler(EngineRef engine) {
        this.engine = engine;
    }

    void list(Context ctx) {
        Engine e = engine.get();
        ctx.json(e.corpus().articles().stream()
                .map(a -> new Source(a.file(), a.title(), utf8Length(a.text()), e.index().chunkCount(a.file())))
                .toList());
    }

    void one(Context ctx) {
        Article article = engine.get().corpus().article(ctx.pathParam("file"))
                .orElseThrow(() -> new NotFoundResponse("No article by that name; GET /api/sources lists them."));
        ctx.json(new SourceText(article.file(), article.title(), article.text()));
    }

    private static int utf8Length(String text) {
        return UnicodeUtil.calcUTF16toUTF8Length(text, 0, text.length());
    }
}
