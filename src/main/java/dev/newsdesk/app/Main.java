package dev.newsdesk.app;

import dev.newsdesk.cli.Newsdesk;

/** {@code java -jar newsdesk.jar}: the command line, its commands given their parts by {@link Assembly}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Newsdesk.commandLine(new Assembly()).execute(args));
    }
}
