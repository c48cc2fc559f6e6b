package dev.newsdesk.live;

import dev.newsdesk.config.Fatal;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Tells {@link LiveIngest} about every file created, changed or deleted in the corpus folder and in its
 * first-level subfolders (the collections), through the operating system's file events (inotify on
 * Linux: milliseconds, no polling). Events carry only names; which of them are articles, and whether they
 * really changed, is decided when they are read. When the system drops events (overflow), or a
 * collection folder appears (files may have been moved in with it), the whole folder is read again.
 */
public final class FolderWatcher implements Closeable {

    private static final WatchEvent.Kind<?>[] KINDS = {StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE};

    private final WatchService watcher;
    /** What each watched folder's file names are prefixed with: "" at the top, "investigations/" below. */
    private final Map<WatchKey, String> prefixes = new ConcurrentHashMap<>();
    private final Thread thread;

    public FolderWatcher(Path folder, LiveIngest ingest, Consumer<String> log) throws IOException {
        this.watcher = folder.getFileSystem().newWatchService();
        prefixes.put(folder.register(watcher, KINDS), "");
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.toList()) {
                watchCollection(child);
            }
        }
        this.thread = new Thread(() -> watch(folder, ingest, log), "corpus-watcher");
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(Fatal.handler("watching the corpus folder"));
    }

    /** Starts passing the folder's events on to live ingestion. */
    public void start() {
        thread.start();
    }

    /** Watches {@code child} when it is a collection folder (not hidden, not a link); true when it is. */
    private boolean watchCollection(Path child) throws IOException {
        if (!Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) || child.getFileName().toString().startsWith(".")) {
            return false;
        }
        prefixes.put(child.register(watcher, KINDS), child.getFileName() + "/");
        return true;
    }

    /**
     * Stops watching the collection folder of {@code prefix}: moved out of the corpus, its watch would
     * otherwise follow it and still report its files as the collection's. True when there was one.
     */
    private boolean unwatch(String prefix) {
        boolean found = false;
        for (Map.Entry<WatchKey, String> watched : prefixes.entrySet()) {
            if (watched.getValue().equals(prefix)) {
                watched.getKey().cancel();
                prefixes.remove(watched.getKey());
                found = true;
            }
        }
        return found;
    }

    private boolean watchNew(Path child, Consumer<String> log) {
        try {
            return watchCollection(child);
        } catch (IOException e) {
            log.accept("cannot watch the new collection folder " + child + " (" + e.getMessage()
                    + "); its articles are read at the next restart");
            return false;
        }
    }

    private void watch(Path folder, LiveIngest ingest, Consumer<String> log) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                String prefix = prefixes.get(key);
                if (prefix == null) {
                    continue; // a folder no longer watched (moved away): its last events are not the corpus's
                }
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        ingest.rescan();
                    } else if (event.context() instanceof Path name) {
                        if (prefix.isEmpty() && event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                                && watchNew(folder.resolve(name), log)) {
                            ingest.rescan();
                        } else if (prefix.isEmpty() && event.kind() == StandardWatchEventKinds.ENTRY_DELETE
                                && unwatch(name + "/")) {
                            ingest.rescan(); // a collection folder moved away or renamed: its articles go
                        } else {
                            ingest.submit(prefix + name);
                        }
                    }
                }
                if (!key.reset()) {
                    if (prefixes.remove(key) == null) {
                        continue; // cancelled above
                    }
                    if (prefix.isEmpty()) {
                        log.accept("the corpus folder " + folder + " is gone; no longer watching it");
                        return;
                    }
                    ingest.rescan(); // a collection folder removed or renamed: its articles go
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}
