package dev.newsdesk.index.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import dev.newsdesk.index.StoreUnavailableException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * One OpenSearch cluster, spoken to in JSON through the official client's generic API (the client
 * spreads requests over the nodes given and skips a dead one). Every failure becomes one line that says
 * what to fix: unreachable or too slow ({@link StoreUnavailableException}), refused credentials, or an
 * error the cluster reported. Thread-safe.
 */
final class Cluster implements Closeable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** A search or count whose shards failed is asked once more (see {@link #read}). */
    private static final int READ_ATTEMPTS = 2;
    private static final Duration TASK_POLL = Duration.ofMillis(500);

    private final ApacheHttpClient5Transport transport;
    private final OpenSearchClient client;
    private final String where;
    private final LongAdder requests = new LongAdder();

    private Cluster(ApacheHttpClient5Transport transport, String where) {
        this.transport = transport;
        this.client = new OpenSearchClient(transport);
        this.where = where;
    }

    /** A connection for questions: a request gives up after the store's timeout. */
    static Cluster connect(Settings.Store store) {
        return connect(store, store.timeout());
    }

    /** A connection whose requests give up after {@code requestTimeout}. */
    static Cluster connect(Settings.Store store, Duration requestTimeout) {
        HttpHost[] hosts = store.urls().stream()
                .map(u -> new HttpHost(u.getScheme(), u.getHost(), u.getPort() < 0 ? 9200 : u.getPort()))
                .toArray(HttpHost[]::new);
        Timeout timeout = Timeout.of(requestTimeout);
        SSLContext tls = store.caFile() == null ? null : trusting(store);
        ApacheHttpClient5Transport transport = ApacheHttpClient5TransportBuilder.builder(hosts)
                // A question must not hang on a dead node: a request gives up after the timeout.
                .setRequestConfigCallback(config -> config.setConnectionRequestTimeout(timeout).setResponseTimeout(timeout))
                .setHttpClientConfigCallback(http -> {
                    if (store.user() != null) {
                        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                        for (HttpHost host : hosts) {
                            credentials.setCredentials(new AuthScope(host),
                                    new UsernamePasswordCredentials(store.user(), Optional.ofNullable(store.password())
                                            .orElse("").toCharArray()));
                        }
                        http.setDefaultCredentialsProvider(credentials);
                    }
                    PoolingAsyncClientConnectionManagerBuilder connections = PoolingAsyncClientConnectionManagerBuilder.create();
                    if (tls != null) {
                        connections.setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(tls).build());
                    }
                    return http.setConnectionManager(connections.build());
                })
                .build();
        return new Cluster(transport, "OpenSearch at " + store.urls().stream().map(URI::toString).toList());
    }

    /** TLS that trusts the cluster's own CA (OPENSEARCH_CA_FILE, PEM) besides nothing else. */
    private static SSLContext trusting(Settings.Store store) {
        try (InputStream pem = Files.newInputStream(store.caFile())) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trusted.setCertificateEntry("ca" + i++, certificate);
            }
            if (i == 0) {
                // An empty file would trust nothing, and every handshake would fail with a vaguer message.
                throw new CertificateException("no certificate in it");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new NewsdeskException("OPENSEARCH_CA_FILE='" + store.caFile() + "' is not a readable PEM certificate ("
                    + e.getMessage() + "); point it at the cluster's CA certificate.", e);
        }
    }

    /** The reply of a request that must succeed. */
    JsonNode send(String method, String endpoint, Object body) {
        return found(sendOrMissing(method, endpoint, body), endpoint);
    }

    /** The reply, or empty when the cluster answers 404 (no such index or document). */
    Optional<JsonNode> sendOrMissing(String method, String endpoint, Object body) {
        return handled(exchange(method, endpoint, body), endpoint);
    }

    /**
     * The reply of a search or count (POST) that every shard answered. While a node leaves, the shard
     * copies on it fail: the cluster then answers 200 from the other shards ({@code _shards.failed}),
     * which would quietly leave chunks out of an answer and its cached statistics, or fails the whole
     * search (search_phase_execution_exception, 500). Either is asked again once, when the cluster has
     * mostly turned to the copies that remain; failing again, the cluster is unavailable for now rather
     * than half answering. A search's {@code filter_path} must keep {@code _shards.failed} and
     * {@code _shards.failures}.
     */
    JsonNode read(String endpoint, Object body) {
        for (int attempt = 1; ; attempt++) {
            Reply reply = exchange("POST", endpoint, body);
            Optional<String> failed = reply.shardFailure();
            if (failed.isEmpty()) {
                return found(handled(reply, endpoint), endpoint);
            }
            if (attempt == READ_ATTEMPTS) {
                throw new StoreUnavailableException(where + " could not search every shard of " + endpoint + " ("
                        + failed.get() + "); try again shortly.", null);
            }
        }
    }

    /**
     * Creates {@code index}, which the caller has named anew or just found missing. That it exists
     * already means this request created it: an attempt that timed out on a busy cluster, which the
     * client then sent again to the next node.
     */
    void create(String index, Object body) {
        Reply reply = exchange("PUT", "/" + index, body);
        if (reply.status() >= 300
                && !"resource_already_exists_exception".equals(reply.json().path("error").path("type").asText())) {
            throw reply.failure(where, "/" + index);
        }
    }

    private JsonNode found(Optional<JsonNode> reply, String endpoint) {
        return reply.orElseThrow(() -> new NewsdeskException(where + " has no '" + endpoint
                + "' (404); run 'newsdesk index --store opensearch' first."));
    }

    private Optional<JsonNode> handled(Reply reply, String endpoint) {
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (reply.status() >= 300) {
            throw reply.failure(where, endpoint);
        }
        return Optional.of(reply.json());
    }

    /**
     * Waits for work the cluster does as a task (a merge, a snapshot, a restore), asking {@code done} twice a
     * second: such work outlasts any request's timeout, so it is polled rather than waited on in one request.
     */
    static void await(BooleanSupplier done, String what) {
        while (!done.getAsBoolean()) {
            try {
                Thread.sleep(TASK_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NewsdeskException("Interrupted while " + what + "; the cluster goes on with it.", e);
            }
        }
    }

    /** The cluster as error messages name it ("OpenSearch at [urls]"). */
    String where() {
        return where;
    }

    /** The requests sent so far, each a round trip to the cluster (a search retried counts twice). */
    long requests() {
        return requests.sum();
    }

    /** A reply of any status, for callers that handle some themselves (429 of a bulk request). */
    Reply exchange(String method, String endpoint, Object body) {
        requests.increment();
        Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(endpoint);
        try {
            if (body instanceof String ndjson) {
                request.body(Body.from(ndjson.getBytes(StandardCharsets.UTF_8), "application/x-ndjson"));
            } else if (body != null) {
                request.body(Body.from(JSON.writeValueAsBytes(body), "application/json"));
            }
            try (Response response = client.generic().execute(request.build())) {
                byte[] bytes = response.getBody().map(Body::bodyAsBytes).orElse(new byte[0]);
                return new Reply(response.getStatus(), parse(bytes));
            }
        } catch (IOException e) {
            // The transport throws for some error statuses instead of returning them (401, for one), wrapped.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ResponseException refused) {
                    return new Reply(refused.status(), parse(body(refused)));
                }
            }
            if (untrusted(e)) {
                throw new NewsdeskException(where + " sent a TLS certificate that cannot be verified (" + reason(e)
                        + "); set OPENSEARCH_CA_FILE to the PEM certificate of the CA that signed it, and name the"
                        + " cluster in OPENSEARCH_URL as that certificate does.", e);
            }
            // Connection refused, reset or timed out, on every node the client tried.
            throw new StoreUnavailableException(where + " is unreachable (" + reason(e) + "); check OPENSEARCH_URL"
                    + " and that the cluster is up.", e);
        }
    }

    /** A TLS handshake that failed on the cluster's certificate: not signed by a trusted CA, or for another host. */
    private static boolean untrusted(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException || cause instanceof SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    /** The reply's body, which the exception's message carries after its first line (its response is not public). */
    private static byte[] body(ResponseException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int end = message.indexOf('\n');
        return end < 0 ? new byte[0] : message.substring(end + 1).getBytes(StandardCharsets.UTF_8);
    }

    /** The reply's JSON; a body that is not JSON (a proxy's or the security plugin's page) as a text node. */
    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return (root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()))
                .replaceAll("\\s+", " ");
    }

    /** A reply and its status. */
    record Reply(int status, JsonNode json) {
        /** Why some shards of a search or count failed (its answer is partial, or there is none); empty if none did. */
        Optional<String> shardFailure() {
            JsonNode error = json.path("error");
            JsonNode why;
            if (status < 300 && json.path("_shards").path("failed").asInt() > 0) {
                why = json.path("_shards").path("failures").path(0).path("reason");
            } else if (status >= 300 && "search_phase_execution_exception".equals(error.path("type").asText())) {
                why = error.has("caused_by") ? error.path("caused_by") : error.path("root_cause").path(0);
            } else {
                return Optional.empty();
            }
            String line = why.path("type").asText() + ": " + why.path("reason").asText();
            return Optional.of(line.replaceAll("\\s+", " ").strip());
        }

        NewsdeskException failure(String where, String endpoint) {
            if (status == 401 || status == 403) {
                return new NewsdeskException(where + " refused the credentials (" + status + "); check OPENSEARCH_USER"
                        + " and OPENSEARCH_PASSWORD.");
            }
            if (status == 429 || status == 503) {
                return new StoreUnavailableException(where + " is overloaded or not ready (" + status + ") at " + endpoint
                        + "; try again shortly.", null);
            }
            JsonNode error = json.path("error");
            String what = error.isObject() ? error.path("type").asText() + ": " + error.path("reason").asText()
                    : json.isTextual() ? json.asText() : json.toString();
            // One line, of a readable length, whatever the cluster or a proxy in front of it sent.
            String line = what.replaceAll("\\s+", " ").strip();
            return new NewsdeskException(where + " failed " + endpoint + " (" + status + " "
                    + line.substring(0, Math.min(line.length(), 300)) + ").");
        }
    }

    /** A JSON object of these keys and values, in order: request bodies read like the JSON they send. */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Closes the connections; a failure to close them is no failure of the work done. */
    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException ignored) {
            // nothing left to do with the connections
        }
    }
}
