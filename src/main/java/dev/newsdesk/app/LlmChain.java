package dev.newsdesk.app;

import dev.langchain4j.rag.query.transformer.QueryTransformer;
import dev.newsdesk.answer.Answerer;
import dev.newsdesk.answer.CitationVerifier;
import dev.newsdesk.answer.llm.ChatModels;
import dev.newsdesk.answer.llm.CitationResolver;
import dev.newsdesk.answer.llm.CondensingQueryTransformer;
import dev.newsdesk.answer.llm.LlmAnswerer;
import dev.newsdesk.answer.llm.NumberedSourcesInjector;
import dev.newsdesk.answer.llm.Prompts;
import dev.newsdesk.config.Settings;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.retrieve.QueryEmbeddings;
import java.util.function.Consumer;

/**
 * Assembles the LLM parts of the pipeline from {@link Settings.Llm} when a model is configured: the
 * condensing query transformer for the retriever and the answerer, sharing one backend, one set of
 * prompts and one fallback counter. The extractive answerer and the offline transformer are what they
 * fall back to.
 */
final class LlmChain {

    private final ChatModels models;
    private final QueryTransformer queryTransformer;
    private final Answerer answerer;

    LlmChain(Settings.Llm settings, Settings.Tuning tuning, ChunkStore index, QueryEmbeddings embeddings,
             CitationVerifier verifier, Answerer extractive, QueryTransformer offline, Consumer<String> fallbacks) {
        Prompts prompts = Prompts.load(settings.prompts());
        this.models = new ChatModels(settings);
        this.queryTransformer = new CondensingQueryTransformer(models.chat(), prompts.condense(), offline, fallbacks);
        this.answerer = new LlmAnswerer(models.streaming(), prompts.system(),
                new NumberedSourcesInjector(prompts.answer()), new CitationResolver(index, embeddings, verifier,
                        tuning.llmMinSupport(), tuning.llmOverlapShare()),
                verifier, extractive, fallbacks, settings.timeout());
    }

    QueryTransformer queryTransformer() {
        return queryTransformer;
    }

    Answerer answerer() {
        return answerer;
    }

    String description() {
        return models.description();
    }
}
