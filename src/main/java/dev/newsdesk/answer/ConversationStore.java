package dev.newsdesk.answer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.answer.Conversations.Turn;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations on disk, so that they outlive the process: one small JSON file of turns per
 * conversation id in one folder, each replaced atomically (written beside it, then moved over it) so
 * a reader never sees half a file. Bounded like the memory: a file idle too long counts as gone, and
 * every so often the oldest files beyond the maximum and the expired ones are deleted. A folder that
 * cannot be written only costs persistence; answers go on.
 */
final class ConversationStore {

    /** Prune after this many writes: often enough to stay near the bound, rarely enough to cost nothing. */
    private static final int PRUNE_EVERY = 1_000;
    private static final String SUFFIX = ".json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Turn>> TURNS = new TypeReference<>() { };
    private static final Logger LOG = LoggerFactory.getLogger(ConversationStore.class);

    private final Path folder;
    private final int maxConversations;
    private final Duration idle;
    private final AtomicInteger writes = new AtomicInteger();

    ConversationStore(Path folder, int maxConversations, Duration idle) {
        this.folder = folder;
        this.maxConversations = maxConversations;
        this.idle = idle;
        prune();
    }

    /** The turns saved for {@code id}, oldest first; empty when there are none or they have expired. */
    List<Turn> load(String id) {
        Path file = file(id);
        try {
            if (expired(Files.getLastModifiedTime(file))) {
                Files.deleteIfExists(file);
                return List.of();
            }
            return JSON.readValue(file.toFile(), TURNS);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            LOG.warn("conversation {} cannot be read from {} ({}); it starts afresh", id, file, e.getMessage());
            return List.of();
        }
    }

    void save(String id, List<Turn> turns) {
        try {
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, "conversation-", ".tmp");
            try {
                JSON.writeValue(temp.toFile(), turns);
                Files.move(temp, file(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            LOG.warn("conversation {} cannot be saved in {} ({}); it is kept in memory only", id, folder, e.getMessage());
        }
        if (writes.incrementAndGet() % PRUNE_EVERY == 0) {
            prune();
        }
    }

    /** Deletes expired files (left-over temporary ones too) and the oldest beyond the maximum count. */
    void prune() {
        List<Path> kept = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (expired(modified(file))) {
                    Files.deleteIfExists(file);
                } else if (file.getFileName().toString().endsWith(SUFFIX)) {
                    kept.add(file);
                }
            }
            if (kept.size() > maxConversations) {
                kept.sort(Comparator.comparing(ConversationStore::modified));
                for (Path file : kept.subList(0, kept.size() - maxConversations)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (NoSuchFileException e) {
            // nothing saved yet (or another process pruned the same file first)
        } catch (IOException e) {
            LOG.warn("old conversations in {} cannot be pruned: {}", folder, e.getMessage());
        }
    }

    private boolean expired(FileTime modified) {
        return modified.toInstant().plus(idle).isBefore(Instant.now());
    }

    /** The file of a conversation; only ever for an id that {@link Conversations#ID} accepts. */
    private Path file(String id) {
        if (!Conversations.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a conversation id: " + id);
        }
        return folder.resolve(id + SUFFIX);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0); // gone already (another process pruned it): deleting it again is a no-op
        }
    }
}
