package dev.rideops.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.rideops.job.credentials.Credential;
import dev.rideops.stack.secrets.LocalCa;
import dev.rideops.stack.secrets.Secrets;
import dev.rideops.stack.secrets.ServerCertificates;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's search client over https ({@code --search.ssl-ca}): it trusts the CA of the file it is given and no
 * other, and a file it cannot read stops it naming the argument. The node is a JDK HTTPS
 * server with a certificate of the stack's own CA, on an ephemeral loopback port.
 */
class SearchTargetTlsTest {

    @TempDir
    Path home;

    private HttpsServer server;
    private Path ca;

    @BeforeEach
    void aNodeServingACertificateOfTheHomesCa() throws Exception {
        Secrets stored = new Secrets(home);
        ca = home.resolve("services/tls/ca.pem");
        ServerCertificates certificates =
                ServerCertificates.search(new LocalCa(stored, () -> stored.getOrCreate(Secrets.FLINK_CA)), stored, ca);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(new ByteArrayInputStream(certificates.pkcs12KeyStore("pw")), "pw".toCharArray());
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "pw".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            byte[] body = "{\"status\":\"green\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String host) {
        return "https://" + host + ":" + server.getAddress().getPort();
    }

    @Test
    void theSinksClientVerifiesTheNodeAgainstTheCaFileItIsGiven() throws Exception {
        try (RestClient client =
                new SearchTarget(url("127.0.0.1"), "writer", Credential.literal("pw"), ca.toString()).client()) {
            assertThat(client.performRequest(new Request("GET", "/_cluster/health"))
                            .getStatusLine()
                            .getStatusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aNodeOfAnotherCaOrWithoutACaFileIsRefused() throws Exception {
        Secrets other = new Secrets(Files.createDirectories(home.resolve("other")));
        new LocalCa(other, () -> other.getOrCreate(Secrets.FLINK_CA)).ensure(Instant.now());
        String otherCa = other.file(LocalCa.PEM).toString();

        try (RestClient client =
                new SearchTarget(url("127.0.0.1"), "writer", Credential.literal("pw"), otherCa).client()) {
            assertThatThrownBy(() -> client.performRequest(new Request("GET", "/")))
                    .isInstanceOf(SSLHandshakeException.class);
        }
        try (RestClient client = new SearchTarget(url("127.0.0.1"), "writer", Credential.literal("pw")).client()) {
            assertThatThrownBy(() -> client.performRequest(new Request("GET", "/")))
                    .as("the JVM's CAs know no local CA")
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aCaFileThatCannotBeReadWhereTheJobRunsIsNamedWithItsArgument() {
        String missing = home.resolve("nowhere/ca.pem").toString();

        assertThatThrownBy(
                        () -> new SearchTarget(url("127.0.0.1"), "writer", Credential.literal("pw"), missing).client())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing)
                .hasMessageContaining("--search.ssl-ca");
    }
}
