package dev.newsdesk.answer.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;

/**
 * The configured backend as LangChain4j models: a blocking one for the short follow-up rewrite and a
 * streaming one for answers, so tokens reach the user as they are generated. Temperature 0, because
 * a cited answer should be the most likely reading of the sources, not a creative one.
 */
public final class ChatModels {

    private static final double TEMPERATURE = 0.0;

    private final ChatModel chat;
    private final StreamingChatModel streaming;
    private final String description;

    public ChatModels(Settings.Llm llm) {
        switch (llm.backend()) {
            case "openai" -> {
                // OpenAI-compatible servers (vLLM, llama.cpp, LM Studio) often need no key, but the
                // client insists on one; any placeholder does for them.
                String key = llm.apiKey() == null || llm.apiKey().isBlank() ? "none" : llm.apiKey();
                chat = OpenAiChatModel.builder().baseUrl(llm.baseUrl()).apiKey(key).modelName(llm.model())
                        .temperature(TEMPERATURE).timeout(llm.timeout()).maxRetries(llm.maxRetries()).build();
                streaming = OpenAiStreamingChatModel.builder().baseUrl(llm.baseUrl()).apiKey(key)
                        .modelName(llm.model()).temperature(TEMPERATURE).timeout(llm.timeout()).build();
            }
            case "ollama" -> {
                chat = OllamaChatModel.builder().baseUrl(llm.baseUrl()).modelName(llm.model())
                        .temperature(TEMPERATURE).timeout(llm.timeout()).maxRetries(llm.maxRetries()).build();
                streaming = OllamaStreamingChatModel.builder().baseUrl(llm.baseUrl()).modelName(llm.model())
                        .temperature(TEMPERATURE).timeout(llm.timeout()).build();
            }
            default -> throw new NewsdeskException("NEWSDESK_LLM='" + llm.backend() + "' has no chat model;"
                    + " use openai or ollama, or none for extractive answers.");
        }
        description = llm.backend() + ":" + llm.model() + "@" + withoutSecrets(llm.baseUrl());
    }

    /**
     * The address without user:password, query and fragment: some servers take a key as {@code ?key=…},
     * and the description is shown on /health and in logs.
     */
    static String withoutSecrets(String url) {
        return url.replaceFirst("//[^/@?#]*@", "//").replaceFirst("[?#].*$", "");
    }

    public ChatModel chat() {
        return chat;
    }

    public StreamingChatModel streaming() {
        return streaming;
    }

    /** Backend, model and address for /health, e.g. "openai:gpt-4o-mini@https://api.openai.com/v1"; never the key. */
    public String description() {
        return description;
    }
}
