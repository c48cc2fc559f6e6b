package dev.newsdesk.answer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.answer.Conversations.Turn;
import dev.newsdesk.config.Fatal;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations on disk, so that they outlive the process: one small JSON file of turns per
 * conversation id in one folder, each replaced atomically (written beside it, then moved over it) so
 * a reader never sees half a file. Bounded like the memory: a file idle too long counts as gone, and
 * every so often the oldest files beyond the maximum and the expired ones are deleted. A folder that
 * cannot be written only costs persistence; answers go on. Files are written by one background thread,
 * so that no answer waits for the disk; saves of one conversation that queue up are written once.
 */
final class ConversationStore implements AutoCloseable {

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
    /** Turns waiting to be written, by conversation: a newer save replaces an older one not yet written. */
    private final Map<String, List<Turn>> pending = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "conversation-writer");
        thread.setDaemon(true);
        return thread;
    });

    ConversationStore(Path folder, int maxConversations, Duration idle) {
        this.folder = folder;
        this.maxConversations = maxConversations;
        this.idle = idle;
        prune();
    }

    /** The turns saved for {@code id}, oldest first; empty when there are none or they have expired. */
    List<Turn> load(String id) {
        List<Turn> unwritten = pending.get(id);
        if (unwritten != null) {
            return unwritten;
        }
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

    /** Saves {@code turns} as conversation {@code id}, soon: the file is written in the background. */
    void save(String id, List<Turn> turns) {
        // Past the bound the disk cannot keep up; the conversation lives on in memory.
        if (pending.size() >= maxConversations && !pending.containsKey(id)) {
            LOG.warn("conversation {} is not saved: {} saves are waiting for the disk", id, pending.size());
            return;
        }
        if (pending.put(id, turns) == null) {
            writer.execute(() -> write(id));
        }
    }

    private void write(String id) {
        List<Turn> turns = pending.remove(id);
        if (turns == null) {
            return;
        }
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
        } catch (Error e) {
            // The executor would keep it in a Future nobody reads: conversations would stop being saved in silence.
            Fatal.stop("saving conversations", e);
            return;
        }
        if (writes.incrementAndGet() % PRUNE_EVERY == 0) {
            prune();
        }
    }

    /** Writes what is waiting, then stops the writer: a command that exits keeps its conversation. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("{} conversations were not saved in time", pending.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
