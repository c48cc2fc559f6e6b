package dev.newsdesk.index.opensearch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import dev.newsdesk.index.StoreUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a user is told when the cluster cannot serve the chunks: one line, naming what to fix. */
@ExtendWith(OpenSearchCluster.class)
class OpenSearchErrorsTest {

    private static Settings.Store store(String urls, String prefix) {
        return Settings.from(Map.of("NEWSDESK_STORE", "opensearch", "OPENSEARCH_URL", urls, "OPENSEARCH_INDEX", prefix,
                "OPENSEARCH_USER", "newsdesk", "OPENSEARCH_PASSWORD", "wrong")).store();
    }

    @Test
    void a_missing_index_says_to_build_it_first() {
        assertThatThrownBy(() -> OpenSearchStore.open(store(OpenSearchCluster.running().urls(), "never-built")))
                .isInstanceOf(NewsdeskException.class)
                .hasMessageContaining("never-built-chunks").hasMessageContaining("run 'newsdesk index --store opensearch' first")
                .hasMessageNotContaining("\n");
    }

    @Test
    void an_unreachable_cluster_is_unavailable_and_says_which_variable_to_check() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> OpenSearchStore.open(store("http://127.0.0.1:" + closed, "newsdesk")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("unreachable").hasMessageContaining("OPENSEARCH_URL").hasMessageNotContaining("\n");
    }

    /** A stand-in for a cluster with the security plugin, which refuses these credentials as OpenSearch does. */
    @Test
    void refused_credentials_say_which_variables_to_check() throws IOException {
        HttpServer secured = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        secured.createContext("/", exchange -> {
            byte[] body = "Unauthorized".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"OpenSearch Security\"");
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        secured.start();
        try {
            assertThatThrownBy(() -> OpenSearchStore.open(store("http://127.0.0.1:" + secured.getAddress().getPort(), "newsdesk")))
                    .isInstanceOf(NewsdeskException.class)
                    .hasMessageContaining("refused the credentials (401)").hasMessageContaining("OPENSEARCH_PASSWORD")
                    .hasMessageNotContaining("\n");
        } finally {
            secured.stop(0);
        }
    }
}
