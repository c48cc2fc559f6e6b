package dev.newsdesk.config;

/**
 * What a background thread does with a failure it cannot contain (an {@link Error}: out of memory, a
 * broken class path): it says so in one line and ends the process, so that a supervisor starts a fresh
 * one. A process that stays up with a dead worker would look healthy and do nothing.
 */
public final class Fatal {

    /** The exit status: EX_SOFTWARE, "an internal software error has been detected". */
    public static final int EXIT_STATUS = 70;

    private Fatal() {
    }

    /**
     * Says in one line which part failed and why, and ends the process from a thread of its own: the shutdown
     * hooks wait for background threads to finish, the failing one included, so it must not wait in
     * {@code System.exit} itself. The caller returns.
     */
    public static void stop(String part, Throwable failure) {
        System.err.println(line(part, failure));
        new Thread(() -> System.exit(EXIT_STATUS), "fatal-exit").start();
    }

    /** The line that says so. */
    public static String line(String part, Throwable failure) {
        return "newsdesk: " + part + " failed (" + failure + "); stopping, so that a supervisor can start newsdesk again";
    }

    /** For threads that are not expected to fail at all: any uncaught failure ends the process. */
    public static Thread.UncaughtExceptionHandler handler(String part) {
        return (thread, failure) -> stop(part, failure);
    }
}
