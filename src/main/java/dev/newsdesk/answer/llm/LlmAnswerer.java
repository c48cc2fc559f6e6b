package dev.newsdesk.answer.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.injector.ContentInjector;
import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.AnswerListener;
import dev.newsdesk.answer.Answerer;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.answer.CitationVerifier;
import dev.newsdesk.index.StoredChunk;
import dev.newsdesk.ingest.Sentence;
import dev.newsdesk.retrieve.Retriever.Retrieval;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers with the chat model, grounded and checked: the retrieved chunks go to the model as numbered
 * sources after the system rules, tokens stream to the listener, and at the end every {@code [n]} is
 * resolved to a verbatim sentence of source n (or removed). Whatever goes wrong — the model fails,
 * stalls, or writes an answer no source backs — the user gets the extractive answer instead, with a
 * notice saying why, and the failure is counted.
 *
 * <p>The model sees only the standalone question, not the conversation: follow-ups were already
 * resolved by the query transformer, and earlier answers in the prompt would be uncited material the
 * model could repeat as fact.
 */
public final class LlmAnswerer implements Answerer {

    private static final Logger LOG = LoggerFactory.getLogger(LlmAnswerer.class);
    private static final String CHUNK_ID = "chunk_id";
    static final String NOT_ANSWERED = "The articles do not answer this question.";

    private final StreamingChatModel model;
    private final String system;
    private final ContentInjector injector;
    private final CitationResolver resolver;
    private final CitationVerifier verifier;
    private final Answerer extractive;
    private final Consumer<String> fallbacks;
    private final Duration timeout;

    public LlmAnswerer(StreamingChatModel model, String system, ContentInjector injector, CitationResolver resolver,
                       CitationVerifier verifier, Answerer extractive, Consumer<String> fallbacks, Duration timeout) {
        this.model = model;
        this.system = system;
        this.injector = injector;
        this.resolver = resolver;
        this.verifier = verifier;
        this.extractive = extractive;
        this.fallbacks = fallbacks;
        this.timeout = timeout;
    }

    @Override
    public Answer answer(String question, Retrieval retrieval, AnswerListener listener) {
        // Source n is the n-th retrieved content; its chunk (sentences, vectors) is looked up by id.
        Map<String, StoredChunk> byId = retrieval.chunks().stream()
                .collect(Collectors.toMap(StoredChunk::id, c -> c, (a, b) -> a));
        List<Content> contents = retrieval.contents().stream()
                .filter(c -> byId.containsKey(c.textSegment().metadata().getString(CHUNK_ID))).toList();
        List<StoredChunk> sources = contents.stream()
                .map(c -> byId.get(c.textSegment().metadata().getString(CHUNK_ID))).toList();
        if (sources.isEmpty()) {
            listener.onSources(List.of());
            return abstain(listener);
        }
        listener.onSources(numbered(sources));
        List<ChatMessage> messages = List.of(SystemMessage.from(system),
                injector.inject(contents, UserMessage.from(retrieval.standaloneQuery())));
        StreamedReply reply = new StreamedReply(listener, timeout);
        Throwable error;
        try {
            model.chat(messages, reply);
            String text = reply.await();
            if (text.isBlank()) {
                return fallback(LlmFailure.MALFORMED, "empty reply", question, retrieval, listener, reply);
            }
            return grounded(text, sources, reply, listener)
                    .orElseGet(() -> fallback(LlmFailure.UNCITED, "no citation survived verification", question,
                            retrieval, listener, reply));
        } catch (ExecutionException e) {
            error = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = e;
        } catch (TimeoutException | RuntimeException e) {
            // Some clients throw on the calling thread (bad address, refused request) instead of onError.
            error = e;
        }
        // Interrupted means the wait was cut short: to the user, the model did not answer in time.
        LlmFailure failure = error instanceof InterruptedException ? LlmFailure.TIMEOUT : LlmFailure.of(error);
        return fallback(failure, String.valueOf(error), question, retrieval, listener, reply);
    }

    /**
     * The model's text as a verified answer; empty when not one citation holds. The refusal marker
     * abstains unless the model also answered part of the question with valid citations.
     */
    private Optional<Answer> grounded(String text, List<StoredChunk> sources, StreamedReply reply,
                                      AnswerListener listener) {
        boolean refused = text.contains(Prompts.NOT_IN_SOURCES);
        CitationResolver.Resolved resolved = resolver.resolve(text.replace(Prompts.NOT_IN_SOURCES, ""), sources);
        if (resolved.citations().isEmpty()) {
            if (refused) {
                reply.close();
                return Optional.of(abstain(listener));
            }
            return Optional.empty();
        }
        reply.flush();
        return Optional.of(new Answer(resolved.text(), false, resolved.citations(), Answer.LLM, 0, null, null, null));
    }

    /** The sources as the model sees them, for the listener: source n quotes chunk n in full. */
    private List<Citation> numbered(List<StoredChunk> chunks) {
        List<Citation> sources = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            List<Sentence> sentences = chunks.get(i).sentences();
            verifier.cite(i + 1, chunks.get(i).file(), sentences.get(0).start(), sentences.get(sentences.size() - 1).end())
                    .ifPresent(sources::add);
        }
        return sources;
    }

    private Answer fallback(LlmFailure failure, String detail, String question, Retrieval retrieval,
                            AnswerListener listener, StreamedReply reply) {
        reply.close();
        fallbacks.accept(failure.reason());
        // The user sees a general notice; whoever runs the service needs the cause (wrong model name, key).
        LOG.warn("LLM answer fell back to quotes ({}): {}", failure.reason(), LlmFailure.loggable(detail));
        // Once model text has been streamed, a second text in the same stream would read as one answer;
        // the finished answer (sent last) replaces it instead.
        AnswerListener rest = reply.streamed() ? AnswerListener.NONE : listener;
        return extractive.answer(question, retrieval, rest).asFallback(failure.notice(timeout));
    }

    private static Answer abstain(AnswerListener listener) {
        listener.onDelta(NOT_ANSWERED);
        return Answer.abstention(NOT_ANSWERED, Answer.LLM);
    }
}
