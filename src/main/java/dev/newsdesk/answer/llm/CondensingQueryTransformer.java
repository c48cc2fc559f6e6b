package dev.newsdesk.answer.llm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.input.Prompt;
import dev.langchain4j.model.input.PromptTemplate;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.transformer.CompressingQueryTransformer;
import dev.langchain4j.rag.query.transformer.QueryTransformer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LangChain4j's {@link CompressingQueryTransformer} with our condense template ({@code {{history}}},
 * {@code {{question}}}), made safe: when the model fails or replies with nothing usable, the offline
 * {@code FollowUpQueryTransformer} resolves the follow-up instead, and the failure is counted.
 * A first question (empty memory) never reaches the model.
 */
public final class CondensingQueryTransformer extends CompressingQueryTransformer {

    /** A standalone question is one line; longer output is the model answering or explaining instead. */
    private static final int MAX_CHARS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(CondensingQueryTransformer.class);

    private final QueryTransformer offline;
    private final Consumer<String> fallbacks;
    // The retriever transforms each question twice (for the standalone query and inside the
    // augmentor); remembering recent rewrites by prompt saves the second model call.
    private final Cache<String, String> recent = Caffeine.newBuilder()
            .maximumSize(1_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    public CondensingQueryTransformer(ChatModel model, PromptTemplate template, QueryTransformer offline,
                                      Consumer<String> fallbacks) {
        super(model, template);
        this.offline = offline;
        this.fallbacks = fallbacks;
    }

    @Override
    public Collection<Query> transform(Query query) {
        if (query.metadata() == null || query.metadata().chatMemory() == null
                || query.metadata().chatMemory().isEmpty()) {
            return List.of(query);
        }
        String prompt = createPrompt(query, format(query.metadata().chatMemory())).text();
        String standalone;
        try {
            standalone = recent.get(prompt, p -> clean(chatModel.chat(p)));
        } catch (RuntimeException e) {
            return offline(query, LlmFailure.of(e), String.valueOf(e));
        }
        if (standalone.isEmpty() || standalone.length() > MAX_CHARS) {
            recent.invalidate(prompt);
            return offline(query, LlmFailure.MALFORMED, "unusable rewrite '" + standalone + "'");
        }
        return List.of(Query.from(standalone, query.metadata()));
    }

    private Collection<Query> offline(Query query, LlmFailure failure, String detail) {
        fallbacks.accept("condense_" + failure.reason());
        LOG.warn("follow-up rewrite fell back to the offline rules ({}): {}", failure.reason(), LlmFailure.loggable(detail));
        return offline.transform(query);
    }

    @Override
    protected Prompt createPrompt(Query query, String chatMemory) {
        return promptTemplate.apply(Map.of("history", chatMemory, "question", query.text()));
    }

    /** First non-blank line, without the quotes or label models like to add. */
    private static String clean(String reply) {
        String line = reply == null ? "" : reply.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        return line.replaceFirst("(?i)^(standalone question|question)\\s*:\\s*", "")
                .replaceAll("^[\"“']+|[\"”']+$", "").strip();
    }
}
