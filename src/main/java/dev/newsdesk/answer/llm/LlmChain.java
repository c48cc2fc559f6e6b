package dev.newsdesk.answer.llm;

import dev.langchain4j.rag.query.transformer.QueryTransformer;
import dev.newsdesk.answer.Answerer;
import dev.newsdesk.answer.CitationVerifier;
import dev.newsdesk.config.Settings;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.retrieve.QueryEmbeddings;
import java.util.function.Consumer;

/**
 * The LLM parts of the pipeline, built from {@link Settings.Llm} when a model is configured: the
 * condensing query transformer for the retriever and the answerer, sharing one backend, one set of
 * prompts and one fallback counter. The extractive answerer and the offline transformer are what they
 * fall back to.
 */
public final class LlmChain {

    private final ChatModels models;
    private final QueryTransformer queryTransformer;
    private final Answerer answerer;

    public LlmChain(Settings.Llm settings, Settings.Tuning tuning, ChunkStore index, QueryEmbeddings embeddings,
                    CitationVerifier verifier, Answerer extractive, QueryTransformer offline, Consumer<String> fallbacks) {
        Prompts prompts = Prompts.load(settings.prompts());
        this.models = new ChatModels(settings);
        this.queryTransformer = new CondensingQueryTransformer(models.chat(), prompts.condense(), offline, fallbacks);
        this.answerer = new LlmAnswerer(models.streaming(), prompts.system(),
                new NumberedSourcesInjector(prompts.answer()), new CitationResolver(index, embeddings, verifier,
                        tuning.llmMinSupport(), tuning.llmOverlapShare()),
                verifier, extractive, fallbacks, settings.timeout());
    }

    public QueryTransformer queryTransformer() {
        return queryTransformer;
    }

    public Answerer answerer() {
        return answerer;
    }

    public String description() {
        return models.description();
    }
}
