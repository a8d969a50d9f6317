package dev.rideops.stack.services;

import static dev.rideops.stack.testing.InMemoryHandshake.handshake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.secrets.LocalCa;
import dev.rideops.stack.secrets.Secrets;
import dev.rideops.stack.secrets.ServerCertificates;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The brokers' TLS with {@code security.tls}: their listeners and TLS settings, the key store each writes, the Connect
 * worker's clients; and Kafka's own SSL engine factory, given the broker's and a client's settings as written, doing
 * the handshake (in memory, no broker started).
 */
class KafkaServerTlsTest {

    private static final LogRotation LOGS = new LogRotation(50L << 20, 4);

    @TempDir
    Path home;

    private KafkaServerTls tls() {
        Secrets stored = new Secrets(home);
        return new KafkaServerTls(ServerCertificates.kafka(
                new LocalCa(stored, () -> stored.getOrCreate(Secrets.FLINK_CA)),
                stored,
                home.resolve("services/tls/ca.pem")));
    }

    private KafkaBroker.Security security(Optional<KafkaServerTls> tls) {
        return new KafkaBroker.Security("SCRAM-SHA-512", "admin", () -> "admin-secret-1", new Secrets(home), tls);
    }

    private KafkaBroker broker(KafkaBroker.Security security) {
        return ServiceConfigTest.broker(home, security, 19092);
    }

    /** Prepared as on a start, on storage formatted already (no storage tool here). */
    private KafkaBroker prepared(KafkaBroker.Security security) throws IOException {
        KafkaBroker broker = broker(security);
        ServiceDirs dirs = ServiceDirs.of(home, "kafka-1").create();
        Files.createDirectories(dirs.data());
        Files.writeString(dirs.data().resolve("meta.properties"), "");
        broker.prepare();
        return broker;
    }

    @Test
    void withTlsTheClientAndProxiedListenersTakeSaslSslAndTheControllersStayOnSaslPlaintext() {
        Path conf = home.resolve("services/kafka-1/conf");

        Map<String, Object> properties = broker(security(Optional.of(tls()))).properties();

        assertThat(properties)
                .containsEntry(
                        "listener.security.protocol.map", "CLIENT:SASL_SSL,CONTROLLER:SASL_PLAINTEXT,PROXIED:SASL_SSL")
                .containsEntry("inter.broker.listener.name", "CLIENT")
                .containsEntry("ssl.keystore.type", "PEM")
                .containsEntry("ssl.keystore.location", conf.resolve(KafkaServerTls.KEY_STORE))
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", home.resolve("services/tls/ca.pem"))
                // SCRAM as before, over TLS
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .doesNotContainKeys("ssl.keystore.password", "ssl.key.password", "ssl.truststore.password");
        assertThat(security(Optional.of(tls())).admin("127.0.0.1:9092").properties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry(
                        "ssl.truststore.location",
                        home.resolve("services/tls/ca.pem").toString());
    }

    @Test
    void withoutTlsTheBrokersPropertiesAreThoseOfBefore() {
        Map<String, Object> withSecurity = broker(security(Optional.empty())).properties();

        assertThat(withSecurity)
                .containsEntry(
                        "listener.security.protocol.map",
                        "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,PROXIED:SASL_PLAINTEXT");
        assertThat(withSecurity.keySet()).noneMatch(key -> key.startsWith("ssl."));
        assertThat(List.copyOf(withSecurity.keySet()).subList(0, 16))
                .as("the order they are written in")
                .containsExactly(
                        "process.roles",
                        "node.id",
                        "controller.quorum.voters",
                        "listeners",
                        "advertised.listeners",
                        "listener.security.protocol.map",
                        "controller.listener.names",
                        "inter.broker.listener.name",
                        "sasl.enabled.mechanisms",
                        "sasl.mechanism.inter.broker.protocol",
                        "listener.name.controller.sasl.enabled.mechanisms",
                        "sasl.mechanism.controller.protocol",
                        "authorizer.class.name",
                        "allow.everyone.if.no.acl.found",
                        "super.users",
                        "log.dirs");
        assertThat(security(Optional.empty()).admin("127.0.0.1:9092").properties())
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .doesNotContainKeys("ssl.truststore.type", "ssl.truststore.location");
    }

    @Test
    void eachBrokerWritesItsOwnKeyStoreOwnerOnlyAndNeitherItNorAnyPasswordIsOnTheCommandLine() throws IOException {
        KafkaBroker broker = prepared(security(Optional.of(tls())));

        Path keyStore = home.resolve("services/kafka-1/conf").resolve(KafkaServerTls.KEY_STORE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyStore)))
                .isEqualTo("rw-------");
        String pem = Files.readString(keyStore);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(pem.split("-----BEGIN CERTIFICATE-----", -1))
                .as("its certificate, then the CA's")
                .hasSize(3);
        assertThat(String.join(" ", broker.command()))
                .doesNotContain("PRIVATE")
                .doesNotContain(KafkaServerTls.KEY_STORE);
        assertThat(Files.readString(home.resolve("services/kafka-1/conf/server.properties")))
                .contains("ssl.keystore.location=" + keyStore)
                .doesNotContain("PRIVATE KEY");
        // the CA's key stays in the home's secrets; clients get the public copy
        assertThat(Files.readString(home.resolve("services/tls/ca.pem"))).doesNotContain("PRIVATE KEY");
    }

    @Test
    void kafkasOwnSslEngineServesTheWrittenKeyStoreAndAClientOfTheAdminsSettingsVerifiesIt() throws Exception {
        KafkaBroker.Security security = security(Optional.of(tls()));
        prepared(security);
        Properties written = new Properties();
        written.load(new StringReader(Files.readString(home.resolve("services/kafka-1/conf/server.properties"))));
        Properties client = security.admin("127.0.0.1:9092").properties();

        handshake(engines(written).createServerSslEngine("127.0.0.1", 50000), client("127.0.0.1", client));

        // the certificate names 127.0.0.1 and localhost only, and a client of another CA trusts it not
        assertThatThrownBy(() -> handshake(
                        engines(written).createServerSslEngine("127.0.0.1", 50000), client("kafka.example", client)))
                .isInstanceOf(SSLException.class)
                .hasMessageContaining("kafka.example");
        Path otherHome = Files.createDirectories(home.resolve("other"));
        Secrets other = new Secrets(otherHome);
        new LocalCa(other, () -> other.getOrCreate(Secrets.FLINK_CA)).ensure(java.time.Instant.now());
        Properties stranger = (Properties) client.clone();
        stranger.setProperty("ssl.truststore.location", other.file(LocalCa.PEM).toString());
        assertThatThrownBy(() -> handshake(
                        engines(written).createServerSslEngine("127.0.0.1", 50000), client("127.0.0.1", stranger)))
                .isInstanceOf(SSLException.class)
                .hasMessageContaining("PKIX");
    }

    @Test
    void theConnectWorkerAndItsConnectorsVerifyTheBrokersWithTlsAndSpeakAsBeforeWithout() throws IOException {
        Path ca = home.resolve("services/tls/ca.pem");
        ConnectWorker plain = worker(new ConnectWorker.KafkaLogin("SCRAM-SHA-512", "connect", () -> "c-3"));
        ConnectWorker tls =
                worker(new ConnectWorker.KafkaLogin("SCRAM-SHA-512", "connect", () -> "c-3", Optional.of(ca)));

        plain.prepare();
        String file = Files.readString(home.resolve("services/connect/conf/connect-distributed.properties"));
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"connect\" "
                + "password=\"${file:" + home.resolve("secrets").resolve(ConnectWorker.KAFKA_PASSWORD_FILE)
                + ":password}\";";
        assertThat(file)
                .as("as written before TLS could be asked for")
                .contains("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=" + jaas
                        + "\nproducer.security.protocol=SASL_PLAINTEXT\n")
                .doesNotContain("ssl.");
        for (String prefix : List.of("", "producer.", "consumer.", "admin.")) {
            assertThat(tls.properties())
                    .containsEntry(prefix + "security.protocol", "SASL_SSL")
                    .containsEntry(prefix + "sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry(prefix + "sasl.jaas.config", jaas)
                    .containsEntry(prefix + "ssl.truststore.type", "PEM")
                    .containsEntry(prefix + "ssl.truststore.location", ca.toString());
        }
    }

    private ConnectWorker worker(ConnectWorker.KafkaLogin login) throws IOException {
        return ServiceConfigTest.connectWorker(home, 1).withKafkaLogin(login);
    }

    /** Kafka's SSL engine factory configured from these settings, parsed and defaulted as a Kafka client does. */
    private static DefaultSslEngineFactory engines(Properties settings) {
        ConfigDef definitions = new ConfigDef();
        SslConfigs.addClientSslSupport(definitions);
        Map<String, Object> parsed = new HashMap<>(definitions.parse(settings));
        DefaultSslEngineFactory factory = new DefaultSslEngineFactory();
        factory.configure(parsed);
        return factory;
    }

    /** A client engine checking the name {@code host}, as a Kafka client does ({@code https} identification). */
    private static SSLEngine client(String host, Properties settings) {
        return engines(settings).createClientSslEngine(host, 9092, "https");
    }
}
