package dev.rideops.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.cli.env.StackEnvironment;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.Stack;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.os.Executables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaTlsTest {

    @TempDir
    Path work;

    @TempDir
    Path user;

    private static final FlagValue TLS = new FlagValue(Setting.SECURITY_TLS, "true", "--tls");

    private RideopsConfig load(Map<String, String> env, FlagValue... flags) {
        return new ConfigLoader(env, work, user).load(Optional.empty(), List.of(flags));
    }

    private static StackSpec spec(RideopsConfig config) {
        return StackSpecs.from(config, new RuntimeLayout(Path.of("/opt/rideops")), () -> 0, 2, new Executables(""));
    }

    private static KafkaAccess kafka(RideopsConfig config) {
        return Endpoints.from(config, spec(config)).kafka(config);
    }

    @Test
    void byDefaultRideopssKafkaClientsSpeakSaslPlaintextAsBefore() {
        RideopsConfig config = load(Map.of());

        assertThat(config.get(Setting.KAFKA_SECURITY_PROTOCOL)).isEqualTo("SASL_PLAINTEXT");
        assertThat(config.origin(Setting.KAFKA_SECURITY_PROTOCOL)).isEqualTo("default");
        assertThat(KafkaTls.ca(config)).isEmpty();
        assertThat(kafka(config).properties())
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .doesNotContainKeys("ssl.truststore.type", "ssl.truststore.location");
        assertThat(StackEnvironment.variables(config, spec(config))).doesNotContainKey("KAFKA_SSL_CA");
    }

    @Test
    void withTlsTheyTakeSaslSslAndVerifyTheBrokersAgainstThePublicCopyOfTheLocalCa() {
        RideopsConfig config = load(Map.of(), TLS);
        String ca = Stack.caCertificate(config.home(), config.rootsStack()).toString();

        assertThat(config.get(Setting.KAFKA_SECURITY_PROTOCOL)).isEqualTo("SASL_SSL");
        assertThat(config.origin(Setting.KAFKA_SECURITY_PROTOCOL)).startsWith("security.tls");
        assertThat(ca).endsWith("/tls/ca.pem").doesNotContain("/secrets/");
        assertThat(kafka(config).properties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", ca);
        assertThat(StackEnvironment.variables(config, spec(config)))
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_SSL_CA", ca);
    }

    @Test
    void aRemoteClusterIsVerifiedWithTheCaTheUserNamesAndAProtocolSetByHandWins() {
        RideopsConfig remote = load(Map.of(
                "RIDEOPS_KAFKA_BOOTSTRAP_SERVERS", "kafka.example:9093",
                "RIDEOPS_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "RIDEOPS_KAFKA_SSL_CA", "/etc/ssl/kafka-ca.pem"));

        assertThat(kafka(remote).properties())
                .containsEntry("bootstrap.servers", "kafka.example:9093")
                .containsEntry("ssl.truststore.location", "/etc/ssl/kafka-ca.pem");
        assertThat(kafka(load(Map.of("RIDEOPS_KAFKA_SSL_CA", "/etc/ssl/kafka-ca.pem"), TLS))
                        .sslCa())
                .as("the CA the user names wins over the local one")
                .isEqualTo("/etc/ssl/kafka-ca.pem");
        assertThat(kafka(load(Map.of("RIDEOPS_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"), TLS))
                        .properties())
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .doesNotContainKey("ssl.truststore.location");
        assertThat(kafka(load(Map.of("RIDEOPS_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")))
                        .properties())
                .as("SASL_SSL without a CA: the JVM's")
                .doesNotContainKey("ssl.truststore.location");
    }

    @Test
    void aStackStartedWithTlsIsReachedOverSaslSslByLaterCommands() throws Exception {
        RideopsConfig up = load(Map.of(), TLS);
        Files.createDirectories(up.home());
        new ObjectMapper().writeValue(Stack.specFile(up.home()).toFile(), spec(up));

        RideopsConfig later = load(Map.of());

        assertThat(later.get(Setting.KAFKA_SECURITY_PROTOCOL)).isEqualTo("SASL_SSL");
        assertThat(kafka(later).sslCa()).isEqualTo(KafkaTls.ca(up));
        assertThat(load(Map.of("RIDEOPS_SECURITY_TLS", "false")).get(Setting.KAFKA_SECURITY_PROTOCOL))
                .isEqualTo("SASL_PLAINTEXT");
    }
}
