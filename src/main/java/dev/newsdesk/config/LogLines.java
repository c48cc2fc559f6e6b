package dev.newsdesk.config;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * The log, one line per message: control characters and line separators inside a message (a newline in
 * a feed item's title, a file name with an escape sequence) are written escaped, so that no value a
 * message carries can start a line of its own and pass for one newsdesk wrote.
 */
public final class LogLines {

    private LogLines() {
    }

    /** A log that writes each message to {@code out} as one line. */
    public static Consumer<String> to(PrintStream out) {
        return message -> out.println(escape(message));
    }

    static String escape(String message) {
        StringBuilder line = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    // NEL (U+0085) is a control character already; these two are separators, not controls.
                    boolean separates = c == 0x2028 || c == 0x2029;
                    if (Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT || separates) {
                        line.append(String.format("\\u%04x", c));
                    } else {
                        line.appendCodePoint(c);
                    }
                }
            }
        });
        return line.toString();
    }
}
