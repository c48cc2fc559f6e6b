package dev.newsdesk.answer.llm;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.newsdesk.answer.AnswerListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One streamed model reply: passes tokens to the listener as they arrive and lets the asking thread
 * wait for the whole text. Two things are held back from the listener: the start of a reply that may
 * still turn out to be the {@link Prompts#NOT_IN_SOURCES} marker (the user should see an honest
 * message, not the marker), and anything arriving after the asker gave up (it has moved on to the
 * extractive answer). The wait times out when no token came for {@code idle}, so a slow but steady
 * model can finish a long answer while a stalled one cannot hold the question hostage.
 */
final class StreamedReply implements StreamingChatResponseHandler {

    private final AnswerListener listener;
    private final Duration idle;
    private final CompletableFuture<String> done = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private int forwarded;
    private boolean closed;
    private long lastToken = System.nanoTime();
    private StreamingHandle handle;

    StreamedReply(AnswerListener listener, Duration idle) {
        this.listener = listener;
        this.idle = idle;
    }

    @Override
    public synchronized void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        handle = context == null ? null : context.streamingHandle();
        lastToken = System.nanoTime();
        if (closed || partial.text() == null) {
            return;
        }
        text.append(partial.text());
        String sofar = text.toString().stripLeading();
        if (!Prompts.NOT_IN_SOURCES.startsWith(sofar) || sofar.length() > Prompts.NOT_IN_SOURCES.length()) {
            flush();
        }
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        String complete = response.aiMessage() == null ? null : response.aiMessage().text();
        done.complete(complete == null ? "" : complete);
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    /** The whole reply; throws what the model failed with, or {@link TimeoutException} when it stalled. */
    String await() throws TimeoutException, ExecutionException, InterruptedException {
        while (true) {
            long waited;
            synchronized (this) {
                waited = System.nanoTime() - lastToken;
            }
            long left = idle.toNanos() - waited;
            try {
                return done.get(Math.max(left, 1), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                synchronized (this) {
                    if (System.nanoTime() - lastToken >= idle.toNanos()) {
                        close();
                        throw e;
                    }
                }
            }
        }
    }

    /** Sends any held-back text: the reply was not the marker after all. */
    synchronized void flush() {
        if (!closed && forwarded < text.length()) {
            listener.onDelta(text.substring(forwarded));
            forwarded = text.length();
        }
    }

    /** Whether the listener has seen any of the reply (the fallback then must not stream a second text). */
    synchronized boolean streamed() {
        return forwarded > 0;
    }

    /** Stops forwarding and, when the client allows it, cancels the stream. */
    synchronized void close() {
        closed = true;
        if (handle != null && !handle.isCancelled()) {
            handle.cancel();
        }
    }
}
