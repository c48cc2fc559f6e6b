package dev.newsdesk.retrieve;

import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.rag.query.Query;
import dev.newsdesk.index.ArticleFilter;
import java.util.Collection;
import java.util.List;

/**
 * What one question's retrieval carries through LangChain4j's augmentor, which is built once for all
 * questions: the article filter, the queries the question was rewritten to, and whether it asks for the
 * latest news. They travel in the query's invocation parameters.
 */
final class RetrievalParameters {

    private static final String FILTER = "newsdesk.filter";
    private static final String QUERIES = "newsdesk.queries";
    private static final String LATEST = "newsdesk.latest";

    private RetrievalParameters() {
    }

    /** The parameters of a question searched within {@code filter}; the rest is set once it is rewritten. */
    static InvocationParameters of(ArticleFilter filter) {
        InvocationParameters parameters = new InvocationParameters();
        parameters.put(FILTER, filter);
        return parameters;
    }

    /** Texts, not queries: a query holds these very parameters, and would then hold itself. */
    static void rewritten(InvocationParameters parameters, Collection<Query> queries, boolean latest) {
        parameters.put(QUERIES, queries.stream().map(Query::text).toList());
        parameters.put(LATEST, latest);
    }

    static ArticleFilter filter(Query query) {
        InvocationParameters parameters = parameters(query);
        return parameters == null ? ArticleFilter.NONE : parameters.getOrDefault(FILTER, ArticleFilter.NONE);
    }

    /** The queries {@code query}'s question was rewritten to (just itself when it was not). */
    static Collection<Query> queries(Query query) {
        InvocationParameters parameters = parameters(query);
        List<String> texts = parameters == null ? List.of(query.text()) : parameters.getOrDefault(QUERIES, List.of(query.text()));
        return texts.stream().map(text -> Query.from(text, query.metadata())).toList();
    }

    static boolean asksForLatest(Query query) {
        InvocationParameters parameters = parameters(query);
        return parameters != null && parameters.getOrDefault(LATEST, false);
    }

    private static InvocationParameters parameters(Query query) {
        return query.metadata() == null ? null : query.metadata().invocationParameters();
    }
}
