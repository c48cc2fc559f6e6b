package dev.newsdesk.web;

import dev.newsdesk.config.Settings;
import io.micrometer.core.instrument.Counter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Bounds what connections can hold (file descriptors, memory), however many are opened and however
 * slowly they send:
 * <ul>
 * <li>at most {@code connections} open, and {@code connectionsPerAddress} from one client address; a
 * connection past either is closed as soon as it is accepted, so its client knows at once; at the total
 * limit, the oldest connection that has not sent a request yet is closed instead, if there is one. (Jetty 11's
 * {@code ConnectionLimit} stops accepting instead, and then every client waits in the accept queue, the
 * good ones too.) Behind a reverse proxy every client has the proxy's address: raise the per-address limit
 * to the total there.</li>
 * <li>a connection must send a whole request head within {@code headerTimeout} of opening or of its last
 * request; Jetty's idle timeout restarts on every byte, so one byte a second would hold it for ever.</li>
 * </ul>
 */
final class ConnectionGuard implements Connection.Listener {

    private static final InetAddress UNKNOWN = new InetSocketAddress(0).getAddress();

    private final Settings.Limits limits;
    private final Scheduler scheduler;
    private final Counter refused;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();

    private ConnectionGuard(Settings.Limits limits, Scheduler scheduler, Counter refused) {
        this.limits = limits;
        this.scheduler = scheduler;
        this.refused = refused;
    }

    /** Guards every connector of {@code server} once it starts (Javalin adds its connector at start). */
    static void install(Server server, Settings.Limits limits, Counter refused) {
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof AbstractConnector jetty) {
                        jetty.setIdleTimeout(limits.idleTimeout().toMillis());
                        jetty.addBean(new ConnectionGuard(limits, jetty.getScheduler(), refused));
                    }
                }
            }
        });
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = address(connection);
        int total = open.incrementAndGet();
        int fromAddress = byAddress.merge(address, 1, Integer::sum);
        if (fromAddress > limits.connectionsPerAddress() || total > limits.connections() && !closeOldestSilent()) {
            refused.increment();
            release(address);
            connection.getEndPoint().close();
            return;
        }
        // Kept, because once closed a connection no longer knows its client's address.
        counted.put(connection, address);
        if (connection instanceof HttpConnection http) {
            awaitRequest(http, 0);
        }
    }

    /**
     * Makes room at the total limit by closing the oldest connection that has not sent a request yet:
     * clients that hold connections open without asking (many addresses, each under its own limit)
     * cannot lock out the ones that ask. False when every connection is in use.
     */
    private boolean closeOldestSilent() {
        HttpConnection oldest = null;
        for (Connection c : counted.keySet()) {
            if (c instanceof HttpConnection http && http.getMessagesIn() == 0 && http.getHttpChannel().getState().isIdle()
                    && (oldest == null || http.getCreatedTimeStamp() < oldest.getCreatedTimeStamp())) {
                oldest = http;
            }
        }
        if (oldest == null) {
            return false;
        }
        refused.increment();
        oldest.getEndPoint().close();
        return true;
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = counted.remove(connection);
        if (address != null) {
            release(address);
        }
    }

    private void release(InetAddress address) {
        open.decrementAndGet();
        byAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }

    /** Closes {@code http} unless, by the deadline, it is handling a request or has had one since {@code seen}. */
    private void awaitRequest(HttpConnection http, long seen) {
        scheduler.schedule(() -> {
            long requests = http.getMessagesIn();
            if (!http.getEndPoint().isOpen()) {
                return;
            }
            if (requests == seen && http.getHttpChannel().getState().isIdle()) {
                http.getEndPoint().close();
            } else {
                awaitRequest(http, requests);
            }
        }, limits.headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The client's address; the unspecified address for a connection that has none (not TCP). */
    private static InetAddress address(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress() : UNKNOWN;
    }
}
