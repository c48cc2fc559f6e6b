package dev.newsdesk.slack;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Catches a stale keep-alive connection before a request is sent on it. A server may close an idle
 * connection (HTTP/1.0-style servers and proxies close each one after its response, without saying so);
 * a POST written on it fails before any byte comes back, and OkHttp's own check for that only runs after
 * ten seconds idle. So a reused connection is probed first (a 1 ms read: an idle connection has nothing to
 * say, so end-of-stream, data or an error all mean the server is gone) and, when it is gone, the request
 * fails as {@link Stale} without a byte sent: safe to send once more, on a new connection. A failure
 * after sending stays what it was, because then the server may have acted on it. Install as a network
 * interceptor.
 */
final class StaleConnections implements Interceptor {

    /** A request refused before sending, because its reused connection was already closed by the server. */
    static final class Stale extends IOException {
        Stale(String why) {
            super("the reused connection was closed by the server (" + why + "); nothing was sent");
        }
    }

    private final Set<Connection> used = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    @Override
    public Response intercept(Chain chain) throws IOException {
        Connection connection = chain.connection();
        if (!used.add(connection)) {
            String gone = gone(connection.socket());
            if (gone != null) {
                throw new Stale(gone);
            }
        }
        return chain.proceed(chain.request());
    }

    /** Why an idle connection can no longer be used, or null when it can. */
    private static String gone(Socket socket) throws IOException {
        int timeout = socket.getSoTimeout();
        try {
            socket.setSoTimeout(1);
            return socket.getInputStream().read() < 0 ? "end of stream" : "unexpected data";
        } catch (SocketTimeoutException healthy) {
            return null;
        } catch (IOException e) {
            return e.toString();
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(timeout);
            }
        }
    }

    /** Whether {@code e} (or a cause) is a {@link Stale} refusal. */
    static boolean isStale(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Stale) {
                return true;
            }
        }
        return false;
    }
}
