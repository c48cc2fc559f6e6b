package dev.newsdesk.cli;

import dev.newsdesk.app.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs the real command line in a child JVM, as a user would, and collects what it printed. */
record CliProcess(int exitCode, String out, String err) {

    static CliProcess run(Path index, String stdin, String... args) throws IOException, InterruptedException {
        return run(Map.of(), false, index, stdin, args);
    }

    /** With these environment variables set, e.g. COLUMNS. */
    static CliProcess run(Map<String, String> env, Path index, String... args) throws IOException, InterruptedException {
        return run(env, false, index, "", args);
    }

    /**
     * As a person at a terminal runs it: under a pseudo-terminal from util-linux's {@code script}, so that
     * the JVM has a console. Standard error comes out mixed into {@link #out()}, with CRLF line ends.
     */
    static CliProcess runInTerminal(Map<String, String> env, Path index, String... args)
            throws IOException, InterruptedException {
        return run(env, true, index, "", args);
    }

    private static CliProcess run(Map<String, String> env, boolean terminal, Path index, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                // Without -Xmx a JVM may take a quarter of the machine's memory; the CLI needs far less.
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        if (index != null) {
            command.addAll(List.of("--index", index.toString()));
        }
        if (terminal) {
            String line = command.stream().map(word -> "'" + word.replace("'", "'\\''") + "'")
                    .collect(Collectors.joining(" "));
            command = List.of("script", "-qec", line, "/dev/null");
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        if (index != null) {
            // Conversations beside the test's index, not in the working copy's data/ folder.
            builder.environment().put("NEWSDESK_CONVERSATIONS", index.resolveSibling(index.getFileName() + "-conversations").toString());
        }
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("newsdesk " + String.join(" ", args) + " did not finish");
        }
        return new CliProcess(process.exitValue(), out.join(), err.join());
    }

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
