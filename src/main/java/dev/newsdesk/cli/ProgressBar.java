package dev.newsdesk.cli;

import dev.newsdesk.index.IndexBuilder;
import java.io.PrintStream;

/** Draws index progress on standard error: a redrawn bar on a terminal, a line per file otherwise. */
final class ProgressBar implements IndexBuilder.Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;

    ProgressBar(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    @Override
    public void update(int done, int total, String file) {
        if (total == 0) {
            return;
        }
        int filled = done * WIDTH / total;
        String bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + file;
        if (terminal) {
            out.print("\r" + bar + " ".repeat(20) + (done == total ? "\n" : ""));
        } else if (done < total) {
            out.println("indexing " + bar);
        }
        out.flush();
    }
}
