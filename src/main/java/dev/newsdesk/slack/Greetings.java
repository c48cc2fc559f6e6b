package dev.newsdesk.slack;

import dev.newsdesk.access.Access;
import dev.newsdesk.access.Overviews;
import dev.newsdesk.access.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one message the bot posts when it is added to a channel: what it answers from there (how many
 * articles of which collections, their outlets and dates) and two example questions it was checked to
 * answer from those articles alone. Each channel is greeted once, ever: the greeted channels are kept in
 * a file, one id a line. Thread-safe.
 */
final class Greetings {

    private static final int EXAMPLES = 2;

    private final Path file;
    private final Access access;
    private final Function<Scope, Overviews.Overview> overviews;
    private final Set<String> greeted = new HashSet<>();
    private boolean loaded;

    /** {@code overviews} tells what a scope's articles are, with checked example questions. */
    Greetings(Path file, Access access, Function<Scope, Overviews.Overview> overviews) {
        this.file = file;
        this.access = access;
        this.overviews = overviews;
    }

    /**
     * True when {@code channel} has not been greeted and nobody is greeting it now: the caller then posts
     * {@link #greeting} and says how that went ({@link #greeted} or {@link #failed}). False ever after a
     * greeting was posted, across restarts.
     */
    synchronized boolean claim(String channel) {
        if (!loaded) {
            try {
                if (Files.exists(file)) {
                    greeted.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the greeted channels in " + file, e);
            }
            loaded = true;
        }
        return greeted.add(channel);
    }

    /** The greeting of a claimed channel was posted: it is never greeted again. */
    synchronized void greeted(String channel) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, channel + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the greeted channels in " + file, e);
        }
    }

    /** The greeting of a claimed channel could not be posted: the bot's next addition there tries again. */
    synchronized void failed(String channel) {
        greeted.remove(channel);
    }

    /** The greeting for {@code channel}, from the collections it answers from. */
    SlackMessage greeting(String channel) {
        Access.Channel rules = access.channel(channel);
        Overviews.Overview overview = overviews.apply(rules.scope());
        String how = rules.mentionOnly() ? "Mention me with a question" : "Ask a question here";
        StringBuilder text = new StringBuilder("Hello! In this channel I answer from ")
                .append(overview.articles()).append(overview.articles() == 1 ? " article" : " articles")
                .append(" (").append(rules.scope()).append(")");
        if (!overview.outlets().isEmpty()) {
            text.append(" from ").append(String.join(", ", overview.outlets()));
        }
        if (overview.from() != null) {
            text.append(overview.from().equals(overview.to()) ? ", published " + overview.from()
                    : ", published " + overview.from() + " to " + overview.to());
        }
        text.append(", quoting them for every answer. ");
        List<String> examples = overview.examples().stream().limit(EXAMPLES).toList();
        if (examples.isEmpty()) {
            text.append(how).append('.');
        } else {
            text.append(how).append(", for example: ")
                    .append(examples.stream().map(q -> "“" + q + "”").collect(Collectors.joining(" or "))).append('.');
        }
        return new SlackMessage(text.toString(), List.of());
    }
}
