package dev.newsdesk.config;

/**
 * A failure the user can act on. The message is one line that says what went wrong and what to do;
 * the command line prints it without a stack trace and the web layer turns it into a JSON error.
 */
public class NewsdeskException extends RuntimeException {

    public NewsdeskException(String message) {
        super(message);
    }

    public NewsdeskException(String message, Throwable cause) {
        super(message, cause);
    }
}
