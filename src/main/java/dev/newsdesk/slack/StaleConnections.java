package dev.newsdesk.slack;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Tells a stale keep-alive connection from a lost request. A server may close an idle connection just as
 * the client reuses it; the request then fails before any byte of a response comes back, and was never
 * processed. Such a failure, and only such (on a connection that already carried a request, not a
 * timeout, before the response headers), is rethrown as {@link Stale}, which is safe to send again once
 * on a new connection, as curl and OkHttp's own retry do. Install as a network interceptor.
 */
final class StaleConnections implements Interceptor {

    /** A request that failed on a reused connection before any response: never processed by the server. */
    static final class Stale extends IOException {
        Stale(IOException cause) {
            super("the reused connection was closed before any response (" + cause.getMessage() + ")", cause);
        }
    }

    private final Set<Connection> used = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    @Override
    public Response intercept(Chain chain) throws IOException {
        boolean reused = !used.add(chain.connection());
        try {
            return chain.proceed(chain.request());
        } catch (InterruptedIOException e) {
            throw e; // a timeout: the server may be working on the request
        } catch (IOException e) {
            throw reused ? new Stale(e) : e;
        }
    }

    /** Whether {@code e} (or a cause) is a {@link Stale} failure. */
    static boolean isStale(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Stale) {
                return true;
            }
        }
        return false;
    }
}
