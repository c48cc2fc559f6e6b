package dev.newsdesk.access;

import dev.newsdesk.config.NewsdeskException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The access rules of {@code NEWSDESK_ACCESS_FILE}, read again whenever the file changes: an edit applies to
 * the next request, without a restart. An edit that cannot be read leaves the rules as they were, and says
 * why in the log; a file that cannot be read at start stops the start. {@code NEWSDESK_ADMIN_TOKEN} writes to
 * every collection. Without a file, the {@linkplain AccessRules defaults}. Thread-safe.
 */
public final class AccessFile implements Access {

    private record Loaded(FileTime modified, long size, AccessRules rules) {
    }

    private final Path file;
    private final byte[] adminTokenDigest;
    private final Consumer<String> log;
    private volatile Loaded loaded;

    /** {@code file} may be null (no file: the defaults); {@code adminToken} may be null (no such token). */
    public AccessFile(Path file, String adminToken, Consumer<String> log) {
        this.file = file;
        this.adminTokenDigest = adminToken == null || adminToken.isBlank() ? null : digest(adminToken);
        this.log = log;
        if (file != null) {
            try {
                loaded = read(modifiedOrNull(), sizeOrZero());
            } catch (IOException | AccessRules.Invalid e) {
                throw new NewsdeskException("Cannot use the access file " + file + ": " + message(e)
                        + "; fix it or unset NEWSDESK_ACCESS_FILE (the README shows an example).", e);
            }
        }
    }

    @Override
    public Scope reader(Person person) {
        return rules().reader(person);
    }

    @Override
    public Channel channel(String channelId) {
        return rules().channel(channelId);
    }

    @Override
    public Scope directMessages() {
        return rules().directMessages();
    }

    @Override
    public Optional<Scope> adminToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        // Digests compared with isEqual: its time does not depend on where the bytes differ.
        if (adminTokenDigest != null && MessageDigest.isEqual(digest(token), adminTokenDigest)) {
            return Optional.of(Scope.ALL);
        }
        return rules().adminToken(token);
    }

    @Override
    public boolean hasAdminTokens() {
        return adminTokenDigest != null || !rules().adminTokens().isEmpty();
    }

    /** The rules as the file says now; a glance at its modification time and size per call (microseconds). */
    AccessRules rules() {
        if (file == null) {
            return AccessRules.DEFAULTS;
        }
        Loaded now = loaded;
        if (unchanged(now)) {
            return now.rules();
        }
        synchronized (this) {
            now = loaded;
            if (unchanged(now)) {
                return now.rules();
            }
            FileTime modified = modifiedOrNull();
            long size = sizeOrZero();
            try {
                loaded = read(modified, size);
                log.accept("newsdesk: access file " + file + " read again");
            } catch (IOException | AccessRules.Invalid e) {
                // Keep the rules as they were, and do not try again until the file changes again.
                log.accept("newsdesk: the access file " + file + " was changed but cannot be used (" + message(e)
                        + "); the rules it had before still apply until it is fixed");
                loaded = new Loaded(modified, size, now.rules());
            }
            return loaded.rules();
        }
    }

    /** True when the file's modification time and size are those {@code known} was read at. */
    private boolean unchanged(Loaded known) {
        return Objects.equals(modifiedOrNull(), known.modified()) && sizeOrZero() == known.size();
    }

    /** The file's rules, as of {@code modified} and {@code size}, taken before reading it: a later edit shows as a change. */
    private Loaded read(FileTime modified, long size) throws IOException {
        return new Loaded(modified, size, AccessRules.parse(Files.readString(file)));
    }

    private FileTime modifiedOrNull() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    private long sizeOrZero() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String message(Exception e) {
        return e instanceof NoSuchFileException ? "there is no such file" : e.getMessage();
    }

    private static byte[] digest(String token) {
        return AccessRules.sha256(token).getBytes(StandardCharsets.US_ASCII);
    }
}
