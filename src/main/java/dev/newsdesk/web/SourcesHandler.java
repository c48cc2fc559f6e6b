package dev.newsdesk.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.newsdesk.answer.Served;
import dev.newsdesk.index.ArticleFilter;
import java.time.Instant;
import java.util.Comparator;
import dev.newsdesk.ingest.Article;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import org.apache.lucene.util.UnicodeUtil;

/**
 * The articles behind the citations, for the page's source viewer, of the collections the asker may read.
 * A file is looked up only by its name in the loaded corpus, never on disk, so no path in a request can
 * reach another file.
 */
final class SourcesHandler {

    /**
     * One article in the list; {@code size} is in bytes of its text (for a page: the extracted text);
     * {@code source}, {@code url}, {@code published} and {@code author} are null when the article does not say.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Source(String file, String title, int size, int chunks, String source, String url, String published,
                  String author) {
    }

    /** Newest first; undated articles after all dated ones, by file name. */
    private static final Comparator<Article> NEWEST_FIRST = Comparator
            .comparing((Article a) -> a.meta().publishedAt().orElse(Instant.MIN), Comparator.reverseOrder())
            .thenComparing(Article::file);

    /** One article in full, with its metadata when known; citation offsets are code points into {@code text}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SourceText(String file, String title, String text, String source, String url, String published,
                      String author) {
    }

    private final ServedRef engine;

    SourcesHandler(ServedRef engine) {
        this.engine = engine;
    }

    /** GET /api/sources?source=…&from=…&to=…: the articles with their metadata, newest first. */
    void list(Context ctx) {
        Served.Catalogue catalogue = engine.get().catalogue();
        ArticleFilter filter = Asker.of(ctx).scope().filter(Filters.of(ctx::queryParam));
        ctx.json(catalogue.articles().stream()
                .filter(filter::admits)
                .sorted(NEWEST_FIRST)
                .map(a -> new Source(a.file(), a.title(), utf8Length(a.text()), catalogue.chunkCount(a.file()),
                        a.meta().source(), a.meta().url(), a.meta().published(), a.meta().author()))
                .toList());
    }

    void one(Context ctx) {
        // An article the asker may not read is answered as one that does not exist: not even its name is confirmed.
        Article article = engine.get().catalogue().article(ctx.pathParam("file")).filter(Asker.of(ctx).scope()::reads)
                .orElseThrow(() -> new NotFoundResponse("No article by that name among those you may read;"
                        + " GET /api/sources lists them."));
        Article.Meta meta = article.meta();
        ctx.json(new SourceText(article.file(), article.title(), article.text(), meta.source(), meta.url(),
                meta.published(), meta.author()));
    }

    private static int utf8Length(String text) {
        return UnicodeUtil.calcUTF16toUTF8Length(text, 0, text.length());
    }
}
