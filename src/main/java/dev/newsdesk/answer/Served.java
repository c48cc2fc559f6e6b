package dev.newsdesk.answer;

import dev.newsdesk.ingest.Article;
import dev.newsdesk.ingest.SkippedArticles;
import java.util.Collection;
import java.util.Optional;

/**
 * What the front ends see of the served archive, and all they see: questions answered, the articles listed,
 * health reported. The parts behind it (the store, the corpus, the answerers) stay the composition root's.
 */
public interface Served {

    /** Answers questions: the one entry point of the chat page, the API, Slack and the command line. */
    AnswerService answers();

    Catalogue catalogue();

    Health health();

    /** The articles as the front ends list them, each with the chunks it was indexed as. */
    interface Catalogue {

        /** The articles as of now; after any change, another collection (so its identity tells a change). */
        Collection<Article> articles();

        Optional<Article> article(String file);

        int chunkCount(String file);
    }

    /** What /health and /metrics report of the pipeline. */
    interface Health {

        /** Why questions cannot be answered now (the store is unreachable), or empty. */
        Optional<String> unavailable();

        int articles();

        int chunks();

        /** The reader model that reads the articles for answers, e.g. "newsdesk-reader-minilm-l6-int8@1a2b3c4d", or "off". */
        String reader();

        /** The chat model answers come from, e.g. "openai:gpt-4o-mini@https://api.openai.com/v1", or "none". */
        String llm();

        /** The articles left out or cut short, and why. */
        SkippedArticles skipped();

        /** Requests sent to the store so far, each a network round trip (0 for the store in this process). */
        long storeRoundTrips();
    }
}
