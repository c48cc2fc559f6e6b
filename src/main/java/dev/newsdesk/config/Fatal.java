package dev.newsdesk.config;

/**
 * What a background thread does with a failure it cannot contain (an {@link Error}: out of memory, a
 * broken class path): it says so in one line and ends the process, so that a supervisor starts a fresh
 * one. A process that stays up with a dead worker would look healthy and do nothing.
 */
public final class Fatal {

    /** The exit status: EX_SOFTWARE, "an internal software error has been detected". */
    static final int EXIT_STATUS = 70;

    private Fatal() {
    }

    /** Ends the process after one line saying which part failed and why. */
    public static void stop(String part, Throwable failure) {
        System.err.println("newsdesk: " + part + " failed (" + failure + "); stopping, so that a supervisor can start"
                + " newsdesk again");
        System.exit(EXIT_STATUS);
    }

    /** For threads that are not expected to fail at all: any uncaught failure ends the process. */
    public static Thread.UncaughtExceptionHandler handler(String part) {
        return (thread, failure) -> stop(part, failure);
    }
}
