package dev.newsdesk.index.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsdesk.TestEngines;
import dev.newsdesk.app.Engine;
import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster behind TLS, as a managed or secured one is: a TLS-terminating proxy on loopback whose
 * certificate (for 127.0.0.1 and localhost) is signed by a CA made for this test with the JDK's keytool.
 */
@ExtendWith(OpenSearchCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSearchTlsTest {

    private static final String PASSWORD = "changeit";

    private final Path dir = TestEngines.tempDir("newsdesk-tls");
    private ForwardingProxy proxy;

    @BeforeAll
    void serveTheClusterOverTls() throws IOException, GeneralSecurityException {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-dname", "CN=newsdesk test CA", "-ext", "bc:c",
                "-validity", "2", "-keystore", "ca.p12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-dname", "CN=localhost", "-validity", "2",
                "-keystore", "server.p12");
        keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile", "server.pem",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2");
        // The signed certificate replaces the self-signed one once its issuer is known to the key store.
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", "server.p12", "-file", "ca.pem");
        keytool("-importcert", "-alias", "server", "-keystore", "server.p12", "-file", "server.pem");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        proxy = ForwardingProxy.https(tls, ForwardingProxy.everything());
    }

    @AfterAll
    void close() {
        proxy.close();
    }

    private void keytool(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        try {
            Process keytool = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes());
            assertThat(keytool.waitFor()).as("keytool %s: %s", arguments[0], output).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Settings settings(String prefix, String caFile) {
        Map<String, String> env = new HashMap<>(Map.of("NEWSDESK_STORE", "opensearch",
                "OPENSEARCH_URL", "https://127.0.0.1:" + proxy.port(), "OPENSEARCH_INDEX", prefix));
        if (caFile != null) {
            env.put("OPENSEARCH_CA_FILE", caFile);
        }
        return TestEngines.settings(TestEngines.SEEDS, TestEngines.tempDir("unused-index"), env);
    }

    @Test
    void indexes_and_answers_over_tls_trusting_the_ca_file() throws IOException {
        try (Engine engine = Engine.start(settings("tls", dir.resolve("ca.pem").toString()), s -> { }, (d, t, f) -> { })) {
            assertThat(engine.index().chunkCount()).isEqualTo(TestEngines.shared().index().chunkCount());
            assertThat(engine.answers().ask("How far can the longer-range version of ATACMS travel?", null).answer())
                    .contains("180 miles");
        }
    }

    @Test
    void a_certificate_not_signed_by_a_trusted_ca_says_to_set_the_ca_file() {
        // Another CA than the one that signed the proxy's certificate.
        keytool("-genkeypair", "-alias", "other", "-keyalg", "RSA", "-dname", "CN=another CA", "-ext", "bc:c",
                "-validity", "2", "-keystore", "other.p12");
        keytool("-exportcert", "-rfc", "-alias", "other", "-keystore", "other.p12", "-file", "other.pem");

        assertThat(Arrays.asList(null, dir.resolve("other.pem").toString())).allSatisfy(caFile ->
                assertThatThrownBy(() -> OpenSearchStore.open(settings("tls-untrusted", caFile).store()))
                        .isInstanceOf(NewsdeskException.class)
                        .hasMessageContaining("TLS certificate that cannot be verified")
                        .hasMessageContaining("set OPENSEARCH_CA_FILE").hasMessageNotContaining("\n"));
    }

    @Test
    void a_ca_file_that_is_not_pem_says_so_and_names_the_file() throws IOException {
        Path notPem = Files.writeString(dir.resolve("ca.txt"), "the CA is on the wiki\n");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");

        assertThat(List.of(notPem, empty)).allSatisfy(caFile ->
                assertThatThrownBy(() -> OpenSearchStore.open(settings("tls-not-pem", caFile.toString()).store()))
                        .isInstanceOf(NewsdeskException.class)
                        .hasMessageContaining("OPENSEARCH_CA_FILE='" + caFile + "' is not a readable PEM certificate")
                        .hasMessageNotContaining("\n"));
    }
}
