package dev.newsdesk.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.newsdesk.answer.AnswerListener;
import dev.newsdesk.answer.Served;
import dev.newsdesk.index.ArticleFilter;
import dev.newsdesk.ingest.Article;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * What the archive holds as someone of a scope sees it — how many articles, from which outlets and dates,
 * the newest headlines, and example questions the bot answers from those articles alone — for the page
 * before the first question and for the Slack bot's greeting. Each scope's overview is computed once and
 * kept until the corpus changes: with a chat model, asking the candidates takes seconds. Thread-safe.
 */
public final class Overviews {

    public static final int HEADLINES = 5;
    public static final int EXAMPLES = 4;
    /** Candidates tried at most, so that a corpus the bot cannot answer much of costs little. */
    private static final int CANDIDATES = 12;
    /** Distinct scopes kept; there are as many as distinct sets of groups, a handful in a newsroom. */
    private static final int SCOPES = 256;

    public record Headline(String file, String title) {
    }

    /** {@code outlets}, {@code from} and {@code to} (ISO dates) come from the articles' metadata; empty or null without it. */
    public record Overview(int articles, List<String> outlets, String from, String to, List<Headline> headlines,
                           List<String> examples) {
    }

    /** One scope's overview of one state of the archive (its articles' collection, a new one after every change). */
    private record Key(Collection<Article> articles, Scope scope) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.articles == articles && key.scope.equals(scope);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(articles) * 31 + scope.hashCode();
        }
    }

    /** Overviews of the current state only: when the archive changes, those of the old state are dropped. */
    private final Cache<Key, Overview> computed = Caffeine.newBuilder().maximumSize(SCOPES).build();
    private Collection<Article> current;

    /** The overview of {@code scope} over {@code served}'s archive as it is now. */
    public Overview of(Served served, Scope scope) {
        Collection<Article> articles = served.catalogue().articles();
        synchronized (this) {
            if (current != articles) {
                computed.invalidateAll();
                current = articles;
            }
        }
        // Keyed by the state it describes: one computed from an older state can never answer for a newer.
        return computed.get(new Key(articles, scope), key -> compute(served, articles, scope));
    }

    /** Computed afresh, nothing kept. */
    public static Overview compute(Served served, Scope scope) {
        return compute(served, served.catalogue().articles(), scope);
    }

    private static Overview compute(Served served, Collection<Article> all, Scope scope) {
        List<Article> articles = all.stream().filter(scope::reads).toList();
        ArticleFilter filter = scope.filter(ArticleFilter.NONE);
        List<String> examples = new ArrayList<>();
        for (String question : ExampleQuestions.candidates(articles, CANDIDATES)) {
            if (examples.size() < EXAMPLES
                    && !served.answers().ask(question, null, filter, AnswerListener.NONE).abstained()) {
                examples.add(question);
            }
        }
        TreeSet<String> outlets = new TreeSet<>();
        TreeSet<String> dates = new TreeSet<>();
        for (Article article : articles) {
            if (article.meta().source() != null) {
                outlets.add(article.meta().source());
            }
            article.meta().publishedAt().ifPresent(at -> dates.add(at.toString().substring(0, 10)));
        }
        // The newest articles first, as a reader of a news archive expects.
        List<Headline> headlines = articles.stream()
                .sorted(Comparator.comparing((Article a) -> a.meta().publishedAt().orElse(Instant.MIN)).reversed())
                .limit(HEADLINES).map(a -> new Headline(a.file(), a.title())).toList();
        return new Overview(articles.size(), List.copyOf(outlets),
                dates.isEmpty() ? null : dates.first(), dates.isEmpty() ? null : dates.last(), headlines, examples);
    }
}
