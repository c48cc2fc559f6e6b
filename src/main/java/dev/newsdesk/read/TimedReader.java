package dev.newsdesk.read;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A reader that keeps the time spent reading, so that a benchmark can say what share of answering it is. */
public final class TimedReader implements Reader {

    private final Reader reader;
    private final AtomicLong nanos = new AtomicLong();

    public TimedReader(Reader reader) {
        this.reader = reader;
    }

    @Override
    public String id() {
        return reader.id();
    }

    @Override
    public List<Reading> read(String question, List<String> passages) {
        long started = System.nanoTime();
        try {
            return reader.read(question, passages);
        } finally {
            nanos.addAndGet(System.nanoTime() - started);
        }
    }

    /** Milliseconds spent reading since start, over all threads. */
    public double millis() {
        return nanos.get() / 1e6;
    }
}
