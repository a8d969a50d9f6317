package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.http.ClientTls;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.secrets.FlinkRestCertificates;
import dev.rideops.stack.secrets.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JobManager's REST TLS as rideops configures it: an HTTPS server built from the very keys rideops writes into
 * Flink's config.yaml (stores, passwords, protocols, suites, client authentication) answers rideops's client and
 * refuses one without the client certificate, one with another CA's, and plain http.
 */
class FlinkRestTlsTest {

    @TempDir
    Path home;

    private Secrets secrets;
    private FlinkCluster cluster;
    private Path conf;
    private Map<String, String> written;
    private HttpsServer server;
    private int port;

    @BeforeEach
    void aJobManagerConfigAndAServerLikeFlinksFromIt() throws Exception {
        secrets = new Secrets(home);
        conf = Files.createDirectories(home.resolve("services/flink-jobmanager/conf"));
        // the port is the test server's: bind first, then write the config naming it
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        port = server.getAddress().getPort();
        cluster = cluster(new FlinkRestCertificates(secrets, secrets::getOrCreate));
        cluster.writeConfig(
                conf, home.resolve("tmp"), home.resolve("service.log"), Map.of(), cluster.restServerConfig(conf));
        written = readConfig();
        server.setHttpsConfigurator(flinkLike(written));
        server.createContext("/overview", exchange -> {
            byte[] body = "{\"slots-total\":4}".getBytes(StandardCharsets.UTF_8);
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

    @Test
    void theConfigTurnsOnMutualTlsWithTheJobManagersOwnCopiesOfTheStores() throws Exception {
        assertThat(written)
                .containsEntry("security.ssl.rest.enabled", "true")
                .containsEntry("security.ssl.rest.authentication-enabled", "true")
                .containsEntry(
                        "security.ssl.rest.keystore",
                        conf.resolve("rest-keystore.p12").toString())
                .containsEntry(
                        "security.ssl.rest.truststore",
                        conf.resolve("rest-truststore.p12").toString())
                .containsEntry(
                        "security.ssl.rest.keystore-password",
                        secrets.read(Secrets.FLINK_REST_SERVER).get())
                .containsEntry(
                        "security.ssl.rest.truststore-password",
                        secrets.read(Secrets.FLINK_REST_TRUSTSTORE).get())
                .containsEntry("security.ssl.rest.keystore-type", "PKCS12");
        assertThat(written).doesNotContainKey("security.ssl.internal.enabled");
        // the Prometheus reporters stay plain http: Prometheus scrapes them without a certificate
        assertThat(written).containsKey("metrics.reporter.prom.port");
        for (Path f : List.of(
                conf.resolve("config.yaml"), conf.resolve("rest-keystore.p12"), conf.resolve("rest-truststore.p12"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .as(f.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(cluster.restEndpoint()).isEqualTo("https://127.0.0.1:" + port);
    }

    @Test
    void rideopsWithItsClientCertificateGetsAnAnswer() throws Exception {
        assertThat(cluster.restCalls("flink-jobmanager").probe("/overview")).contains("slots-total");
    }

    @Test
    void aClientWithoutTheClientCertificateIsRefusedInOneLineNamingFlinkRestAndWhatToFix() throws Exception {
        FlinkRestCertificates local = new FlinkRestCertificates(secrets, secrets::getOrCreate);
        ClientTls trustOnly = new ClientTls(
                "Flink REST",
                null,
                new ClientTls.Store(
                        local.truststore(),
                        secrets.read(Secrets.FLINK_REST_TRUSTSTORE).get(),
                        "fix it"),
                "set flink.client-keystore");
        RestCalls anonymous = new RestCalls("https://127.0.0.1:" + port, "Flink", trustOnly);

        assertThatThrownBy(() -> anonymous.get("/overview"))
                .isInstanceOf(ClientException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage())
                            .startsWith("Flink at https://127.0.0.1:" + port)
                            .doesNotContain("\n");
                    assertThat(((ClientException) e).fix()).isEqualTo("set flink.client-keystore");
                });
        assertThatThrownBy(() -> anonymous.probe("/overview")).isInstanceOf(IOException.class);
    }

    @Test
    void aClientCertificateOfAnotherCaIsRefused() throws Exception {
        Secrets elsewhere = new Secrets(Files.createDirectories(home.resolve("other-home")));
        FlinkRestCertificates other = new FlinkRestCertificates(elsewhere, elsewhere::getOrCreate);
        other.ensure();
        FlinkRestCertificates local = new FlinkRestCertificates(secrets, secrets::getOrCreate);
        ClientTls foreign = new ClientTls(
                "Flink REST",
                new ClientTls.Store(
                        other.clientStore(),
                        elsewhere.read(Secrets.FLINK_REST_CLIENT).get(),
                        "fix it"),
                new ClientTls.Store(
                        local.truststore(),
                        secrets.read(Secrets.FLINK_REST_TRUSTSTORE).get(),
                        "fix it"),
                "set flink.client-keystore");

        assertThatThrownBy(() -> new RestCalls("https://127.0.0.1:" + port, "Flink", foreign).get("/overview"))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("did not accept the client certificate " + other.clientStore());
    }

    @Test
    void aServerOfAnotherCaIsNotTrusted() throws Exception {
        Secrets elsewhere = new Secrets(Files.createDirectories(home.resolve("other-home")));
        FlinkRestCertificates other = new FlinkRestCertificates(elsewhere, elsewhere::getOrCreate);
        other.ensure();

        // our client's verdict, not the server's: named as such, with the other home's truststore
        assertThatThrownBy(() -> cluster(other).restCalls("flink").get("/overview"))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("has a TLS certificate that " + home.resolve("other-home"))
                .hasMessageContaining("does not vouch for");
    }

    @Test
    void plainHttpGetsNoAnswer() {
        RestCalls plain = new RestCalls("http://127.0.0.1:" + port, "Flink");

        assertThatThrownBy(() -> plain.get("/overview")).isInstanceOf(ClientException.class);
        assertThatThrownBy(() -> plain.probe("/overview")).isInstanceOf(IOException.class);
    }

    @Test
    void aMissingClientKeystoreIsNamedNotAStackTrace() throws Exception {
        Files.delete(new FlinkRestCertificates(secrets, secrets::getOrCreate).clientStore());

        assertThatThrownBy(() -> cluster.restCalls("flink").get("/overview"))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("flink-rest-client.p12 does not exist")
                .satisfies(e -> assertThat(((ClientException) e).fix()).contains("rideops restart flink-jobmanager"));
        assertThatThrownBy(() -> cluster.restCalls("flink").probe("/overview"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not exist");
    }

    private FlinkCluster cluster(FlinkRestCertificates certificates) {
        return new FlinkCluster(
                home,
                home.resolve("lib"),
                port,
                6123,
                6124,
                List.of(9249, 9250),
                4,
                768,
                1280,
                Map.of("security.ssl.rest.enabled", "false"),
                new LogRotation(50L << 20, 4),
                certificates);
    }

    private Map<String, String> readConfig() throws IOException {
        JsonNode config = new ObjectMapper(new YAMLFactory())
                .readTree(conf.resolve("config.yaml").toFile());
        Map<String, String> values = new java.util.LinkedHashMap<>();
        config.fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    /** What Flink's SSLUtils makes of these keys for the REST server: PKCS12 stores, protocols, suites, auth. */
    private static HttpsConfigurator flinkLike(Map<String, String> c) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(
                load(
                        c.get("security.ssl.rest.keystore"),
                        c.get("security.ssl.rest.keystore-type"),
                        c.get("security.ssl.rest.keystore-password")),
                c.get("security.ssl.rest.key-password").toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(
                c.get("security.ssl.rest.truststore"),
                c.get("security.ssl.rest.truststore-type"),
                c.get("security.ssl.rest.truststore-password")));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        boolean mutual = Boolean.parseBoolean(c.get("security.ssl.rest.authentication-enabled"));
        String[] protocols = c.get("security.ssl.protocol").split(",");
        String[] suites = c.get("security.ssl.algorithms").split(",");
        return new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = context.getDefaultSSLParameters();
                p.setProtocols(protocols);
                p.setCipherSuites(suites);
                p.setNeedClientAuth(mutual);
                params.setSSLParameters(p);
            }
        };
    }

    private static KeyStore load(String file, String type, String password) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
