package dev.newsdesk.answer.llm;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Why the model gave no usable answer: the {@code reason} label of the fallback counter and the
 * cause shown in the notice. Exceptions are classified by walking their causes, because each client
 * wraps transport errors differently.
 */
enum LlmFailure {
    TIMEOUT("timeout", "did not answer in time"),
    RATE_LIMITED("rate_limited", "is rate-limiting requests (HTTP 429)"),
    SERVER_ERROR("server_error", "failed with a server error"),
    UNREACHABLE("unreachable", "cannot be reached"),
    REJECTED("rejected", "refused the request (check the model name and API key)"),
    MALFORMED("malformed", "gave a reply that could not be used"),
    UNCITED("uncited", "gave an answer without a valid citation");

    private final String reason;
    private final String cause;

    LlmFailure(String reason, String cause) {
        this.reason = reason;
        this.cause = cause;
    }

    String reason() {
        return reason;
    }

    /** What the user reads above the extractive answer; {@code timeout} is the configured limit. */
    String notice(Duration timeout) {
        String why = this == TIMEOUT ? "did not answer (timeout after " + timeout.toSeconds() + " s)" : cause;
        return "The language model " + why + "; showing quotes from the articles instead.";
    }

    /** Longer error bodies are cut: a model server's error page may be huge, or echo the request. */
    static final int LOGGED_CHARS = 300;

    /**
     * {@code detail} fit for a log line: control characters (a forged log line needs a newline) made
     * spaces, and cut at {@link #LOGGED_CHARS}.
     */
    static String loggable(String detail) {
        String flat = detail.replaceAll("\\p{Cntrl}+", " ");
        return flat.length() <= LOGGED_CHARS ? flat
                : flat.substring(0, LOGGED_CHARS) + "… (" + (flat.length() - LOGGED_CHARS) + " more characters)";
    }

    static LlmFailure of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            LlmFailure failure = direct(t);
            if (failure != null) {
                return failure;
            }
        }
        return error instanceof IOException ? UNREACHABLE : MALFORMED;
    }

    private static LlmFailure direct(Throwable t) {
        if (t instanceof TimeoutException || t instanceof HttpTimeoutException
                || t instanceof dev.langchain4j.exception.TimeoutException) {
            return TIMEOUT;
        }
        if (t instanceof RateLimitException) {
            return RATE_LIMITED;
        }
        if (t instanceof InternalServerException) {
            return SERVER_ERROR;
        }
        if (t instanceof AuthenticationException || t instanceof ModelNotFoundException) {
            return REJECTED;
        }
        if (t instanceof HttpException http) {
            int status = http.statusCode();
            return status == 429 ? RATE_LIMITED : status == 408 ? TIMEOUT : status >= 500 ? SERVER_ERROR : REJECTED;
        }
        if (t instanceof ConnectException || t instanceof UnresolvedAddressException
                || t instanceof UnresolvedModelServerException) {
            return UNREACHABLE;
        }
        return null;
    }
}
