package dev.newsdesk.live;

import dev.newsdesk.config.Fatal;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.Consumer;

/**
 * Tells {@link LiveIngest} about every file created, changed or deleted in the corpus folder, through
 * the operating system's file events (inotify on Linux: milliseconds, no polling). Events carry only
 * names; which of them are articles, and whether they really changed, is decided when they are read.
 * When the system drops events (overflow), the whole folder is read again.
 */
public final class FolderWatcher implements Closeable {

    private final WatchService watcher;
    private final Thread thread;

    public FolderWatcher(Path folder, LiveIngest ingest, Consumer<String> log) throws IOException {
        this.watcher = folder.getFileSystem().newWatchService();
        folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(() -> watch(folder, ingest, log), "corpus-watcher");
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(Fatal.handler("watching the corpus folder"));
    }

    /** Starts passing the folder's events on to live ingestion. */
    public void start() {
        thread.start();
    }

    private void watch(Path folder, LiveIngest ingest, Consumer<String> log) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        ingest.rescan();
                    } else if (event.context() instanceof Path name) {
                        ingest.submit(name.toString());
                    }
                }
                if (!key.reset()) {
                    log.accept("the corpus folder " + folder + " is gone; no longer watching it");
                    return;
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
