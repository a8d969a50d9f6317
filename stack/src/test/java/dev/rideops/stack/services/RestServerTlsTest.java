package dev.rideops.stack.services;

import static dev.rideops.stack.testing.InMemoryHandshake.handshake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.http.BasicAuth;
import dev.rideops.clients.http.ClientTls;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.JavaRuntimes;
import dev.rideops.stack.os.JavaRuntimesTest;
import dev.rideops.stack.secrets.LocalCa;
import dev.rideops.stack.secrets.Secrets;
import dev.rideops.stack.secrets.ServerCertificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.runtime.rest.RestServerConfig;
import org.apache.kafka.connect.runtime.rest.util.SSLUtils;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka Connect's REST API, the search node and the schema registry over https with {@code security.tls}: what rideops
 * writes for each server (Connect's {@code listeners.https.} settings and PKCS12 stores, the node's PEM key store and
 * argument, the registry's PEM key store and Quarkus settings), an HTTPS server built from exactly those files
 * answering the stack's probes and rideops's clients, which verify it against the home's CA; and nothing of it without
 * TLS.
 */
class RestServerTlsTest {

    private static final LogRotation LOGS = new LogRotation(50L << 20, 4);

    @TempDir
    Path home;

    private HttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private Path ca() {
        return home.resolve("services/tls/ca.pem");
    }

    private LocalCa localCa() {
        Secrets stored = new Secrets(home);
        return new LocalCa(stored, () -> stored.getOrCreate(Secrets.FLINK_CA));
    }

    private ConnectWorker connect(int port, boolean tls) throws IOException {
        ConnectWorker worker = new ConnectWorker(
                        ServiceDirs.of(home, "connect").create(),
                        port,
                        "127.0.0.1:9092",
                        1,
                        512,
                        "lz4",
                        home.resolve("lib"),
                        home.resolve("plugins"),
                        home.resolve("services/connect/conf/secrets"),
                        () -> new BasicAuth("rideops", "rest-pw"),
                        LOGS)
                .withKafkaLogin(
                        new ConnectWorker.KafkaLogin("SCRAM-SHA-512", "connect", () -> "c-3", Optional.of(ca())));
        return tls
                ? worker.withRestTls(new ConnectRestTls(ServerCertificates.connect(localCa(), new Secrets(home), ca())))
                : worker;
    }

    private SearchNode search(int port, boolean tls) throws IOException {
        SearchNode node = new SearchNode(
                ServiceDirs.of(home, "search").create(),
                port,
                9300,
                512,
                Map.of(),
                home.resolve("lib"),
                home.resolve("classes"),
                new StackSpec.SearchUsers("elastic", "rideops_search_writer", "rideops_search_reader"),
                name -> "pw-of-" + name,
                LOGS);
        return tls ? node.withTls(ServerCertificates.search(localCa(), new Secrets(home), ca())) : node;
    }

    private RegistryService registry(int port, boolean tls) throws IOException {
        JavaRuntimesTest.fakeJava(home.resolve("jvm/jdk-21"), "21.0.2");
        RegistryService registry = new RegistryService(
                ServiceDirs.of(home, "registry").create(),
                port,
                8091,
                256,
                home.resolve("app"),
                new StackSpec.Registry(
                        true, port, 8091, 256, new StackSpec.RegistryUsers("registry-connect", "registry-job"), ""),
                new JavaRuntimes(home.resolve("jvm/java-17"), home.resolve("jvm")),
                name -> "pw-of-" + name,
                LOGS);
        return tls ? registry.withTls(ServerCertificates.registry(localCa(), new Secrets(home), ca())) : registry;
    }

    @Test
    void connectServesHttpsFromStoresInItsSecretsWhosePasswordOnlyTheFileProviderReads() throws Exception {
        ConnectWorker worker = connect(8083, true);

        worker.prepare();

        Path secrets = home.resolve("services/connect/conf/secrets");
        String password = "${file:" + secrets.resolve(ConnectRestTls.PASSWORD_FILE) + ":password}";
        assertThat(worker.properties())
                .containsEntry("listeners", "https://127.0.0.1:8083")
                .containsEntry("rest.advertised.listener", "https")
                .containsEntry("listeners.https.ssl.keystore.type", "PKCS12")
                .containsEntry("listeners.https.ssl.keystore.location", secrets.resolve(ConnectRestTls.KEY_STORE))
                .containsEntry("listeners.https.ssl.keystore.password", password)
                .containsEntry("listeners.https.ssl.key.password", password)
                .containsEntry("listeners.https.ssl.truststore.type", "PKCS12")
                .containsEntry("listeners.https.ssl.truststore.location", secrets.resolve(ConnectRestTls.TRUST_STORE))
                .containsEntry("listeners.https.ssl.truststore.password", password)
                // the worker's Kafka clients keep their own PEM trust: Connect reads listeners.https. all or nothing
                .containsEntry("ssl.truststore.type", "PEM");
        for (String file :
                List.of(ConnectRestTls.KEY_STORE, ConnectRestTls.TRUST_STORE, ConnectRestTls.PASSWORD_FILE)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve(file))))
                    .as(file)
                    .isEqualTo("rw-------");
        }
        String written = Files.readString(home.resolve("services/connect/conf/connect-distributed.properties"));
        assertThat(written).contains("listeners.https.ssl.keystore.password=").doesNotContain(storePassword(secrets));
        assertThat(worker.endpoint()).isEqualTo("https://127.0.0.1:8083");
    }

    @Test
    void connectsOwnConfigAndJettyFactoriesTakeTheWrittenSettingsAndShakeHandsFor127001Only() throws Exception {
        ConnectWorker worker = connect(8083, true);
        worker.prepare();
        Map<String, String> written = new LinkedHashMap<>();
        worker.properties().forEach((key, value) -> written.put(key, String.valueOf(value)));

        // as ConnectDistributed does: the worker config (its file provider resolving the password), the REST
        // server's config from its originals, Jetty's factories from the listeners.https. settings
        DistributedConfig config = new DistributedConfig(written);
        RestServerConfig rest = RestServerConfig.forPublic(null, config.originals());
        SslContextFactory.Server server = SSLUtils.createServerSideSslContextFactory(rest, ConnectRestTls.PREFIX);
        SslContextFactory.Client forwarding = SSLUtils.createClientSideSslContextFactory(config);
        server.start();
        forwarding.start();

        assertThat(rest.listeners()).containsExactly("https://127.0.0.1:8083");
        assertThat(rest.advertisedListener()).isEqualTo("https");
        handshake(serverEngine(server), clientEngine(forwarding, "127.0.0.1"));
        assertThatThrownBy(() -> handshake(serverEngine(server), clientEngine(forwarding, "connect.example")))
                .isInstanceOf(SSLException.class)
                .hasMessageContaining("connect.example");
        server.stop();
        forwarding.stop();
    }

    private static SSLEngine serverEngine(SslContextFactory.Server factory) {
        SSLEngine engine = factory.newSSLEngine();
        engine.setUseClientMode(false);
        factory.customize(engine);
        return engine;
    }

    /** As Connect's REST client opens a connection: Jetty's factory checks the host name (https identification). */
    private static SSLEngine clientEngine(SslContextFactory.Client factory, String host) {
        SSLEngine engine = factory.newSSLEngine(host, 8083);
        engine.setUseClientMode(true);
        return engine;
    }

    @Test
    void theProbeAndRideopsReachConnectOverTlsAndTheWorkersOwnClientVerifiesItToo() throws Exception {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ConnectWorker worker = connect(server.getAddress().getPort(), true);
        worker.prepare();
        Path secrets = home.resolve("services/connect/conf/secrets");
        String password = storePassword(secrets);
        serve(
                context(keyStore(secrets.resolve(ConnectRestTls.KEY_STORE), password), password),
                "[{\"class\":\"" + ConnectWorker.DEBEZIUM_POSTGRES + "\"}]");

        assertThat(worker.probe()).as("healthy over https").isNull();
        assertThat(new RestCalls(worker.endpoint(), "Kafka Connect", "rideops", "rest-pw", trusting(ca()))
                        .get("/connector-plugins")
                        .toString())
                .contains(ConnectWorker.DEBEZIUM_POSTGRES);
        // what Connect's forwarding client trusts (listeners.https.ssl.truststore.*) verifies the advertised URL
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore(secrets.resolve(ConnectRestTls.TRUST_STORE), password));
        SSLContext forwarding = SSLContext.getInstance("TLS");
        forwarding.init(null, trust.getTrustManagers(), null);
        HttpResponse<String> answer = HttpClient.newBuilder()
                .sslContext(forwarding)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(worker.endpoint() + "/connector-plugins"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    @Test
    void theSearchNodeGetsItsPemKeyStoreAsAnArgumentAndAnswersTheProbeOverTls() throws Exception {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SearchNode node = search(server.getAddress().getPort(), true);
        node.prepare();
        Path keyStore = home.resolve("services/search/conf/search-server.pem");

        assertThat(node.command()).containsSubsequence("--tls-key-store", keyStore.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyStore)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(keyStore)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(node.endpoint()).startsWith("https://127.0.0.1:");

        serve(pemContext(keyStore), "{\"status\":\"green\"}");
        assertThat(node.probe()).as("healthy over https").isNull();
    }

    @Test
    void theRegistryServesHttpsOnlyOnItsPortAndManagementInterfaceFromAPemKeyStoreInItsConf() throws Exception {
        RegistryService registry = registry(8080, true);
        registry.prepare();
        Path keyStore = home.resolve("services/registry/conf/registry-server.pem");

        assertThat(registry.command())
                .contains(
                        "-Dquarkus.http.ssl-port=8080",
                        // Quarkus then opens no http port at all
                        "-Dquarkus.http.insecure-requests=disabled",
                        "-Dquarkus.http.ssl.certificate.files=" + keyStore,
                        "-Dquarkus.http.ssl.certificate.key-files=" + keyStore,
                        "-Dquarkus.management.ssl.certificate.files=" + keyStore,
                        "-Dquarkus.management.ssl.certificate.key-files=" + keyStore)
                .noneMatch(arg -> arg.startsWith("-Dquarkus.http.port="));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyStore)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(keyStore))
                .startsWith("-----BEGIN PRIVATE KEY-----")
                .contains("-----BEGIN CERTIFICATE-----");
        assertThat(registry.endpoint()).isEqualTo("https://127.0.0.1:8080/apis/registry/v3");
    }

    @Test
    void theRegistryAnswersTheProbeOverTlsVerifiedAgainstTheHomesCa() throws Exception {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RegistryService registry = registry(server.getAddress().getPort(), true);
        registry.prepare();

        serve(pemContext(home.resolve("services/registry/conf/registry-server.pem")), "{\"version\":\"3.3.3\"}");

        assertThat(registry.probe()).as("healthy over https").isNull();
    }

    @Test
    void withoutTlsTheRegistrySpeaksPlainHttpAsBeforeAndWritesNoKeyStore() throws Exception {
        RegistryService registry = registry(8080, false);

        registry.prepare();

        assertThat(registry.command())
                .contains("-Dquarkus.http.port=8080")
                .noneMatch(arg -> arg.contains("ssl") || arg.contains("insecure-requests"));
        assertThat(home.resolve("services/registry/conf/registry-server.pem")).doesNotExist();
        assertThat(registry.endpoint()).isEqualTo("http://127.0.0.1:8080/apis/registry/v3");
    }

    @Test
    void aServerTheCaDidNotSignIsRefusedInOneLineNamingTheServiceAndTheSetting() throws Exception {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SearchNode node = search(server.getAddress().getPort(), true);
        node.prepare();
        serve(pemContext(home.resolve("services/search/conf/search-server.pem")), "{\"status\":\"green\"}");
        Path otherHome = Files.createDirectories(home.resolve("other"));
        Secrets other = new Secrets(otherHome);
        new LocalCa(other, () -> other.getOrCreate(Secrets.FLINK_CA)).ensure(Instant.now());
        Path otherCa = other.file(LocalCa.PEM);

        assertThatThrownBy(() -> new RestCalls(
                                node.endpoint(), "the search node", "rideops_search_reader", "pw", trusting(otherCa))
                        .get("/_cluster/health"))
                .isInstanceOf(ClientException.class)
                .hasMessageStartingWith("the search node at " + node.endpoint() + " has a TLS certificate that "
                        + otherCa + " does not vouch for")
                .hasMessageNotContaining("\n")
                .extracting(e -> ((ClientException) e).fix())
                .isEqualTo("set search.ssl-ca");
    }

    @Test
    void withoutTlsBothSpeakPlainHttpAsBeforeAndWriteNoStore() throws Exception {
        ConnectWorker worker = connect(8083, false);
        SearchNode node = search(9200, false);

        worker.prepare();
        node.prepare();

        assertThat(worker.properties())
                .containsEntry("listeners", "http://127.0.0.1:8083")
                .doesNotContainKey("rest.advertised.listener")
                .noneSatisfy((key, value) -> assertThat(key).startsWith("listeners.https."));
        assertThat(home.resolve("services/connect/conf/secrets").resolve(ConnectRestTls.KEY_STORE))
                .doesNotExist();
        assertThat(node.command()).doesNotContain("--tls-key-store");
        assertThat(home.resolve("services/search/conf/search-server.pem")).doesNotExist();
        assertThat(worker.endpoint()).isEqualTo("http://127.0.0.1:8083");
        assertThat(node.endpoint()).isEqualTo("http://127.0.0.1:9200");
    }

    private static ClientTls trusting(Path caPem) {
        return ClientTls.trustingPem("test", caPem, "set search.ssl-ca");
    }

    private static String storePassword(Path secrets) throws IOException {
        Properties file = new Properties();
        file.load(new StringReader(Files.readString(secrets.resolve(ConnectRestTls.PASSWORD_FILE))));
        return file.getProperty("password");
    }

    private static KeyStore keyStore(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static SSLContext context(KeyStore keys, String password) throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    /** A server context from the node's PEM key store, read as the node's plugin reads it: key, then the chain. */
    private static SSLContext pemContext(Path pem) throws Exception {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String key = text.substring(
                        text.indexOf("-----BEGIN PRIVATE KEY-----"), text.indexOf("-----END PRIVATE KEY-----"))
                .replace("-----BEGIN PRIVATE KEY-----", "");
        String certificates = text.substring(text.indexOf("-----BEGIN CERTIFICATE-----"));
        Certificate[] chain = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(certificates.getBytes(StandardCharsets.US_ASCII)))
                .toArray(Certificate[]::new);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                "search",
                KeyFactory.getInstance("EC")
                        .generatePrivate(
                                new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(key))),
                new char[0],
                chain);
        return context(store, "");
    }

    private void serve(SSLContext context, String body) {
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }
}
