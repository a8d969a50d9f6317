package dev.rideops.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.job.JobSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaLoginTest {

    @TempDir
    Path dir;

    @Test
    void theClientsPropertiesNameWhereThePasswordIsAndKafkaResolvesItWhereTheClientRuns() throws Exception {
        Path file = dir.resolve("kafka-password");
        Files.writeString(file, "job-s3cret\n");
        JobSettings settings = JobSettings.from(new String[] {
            "--kafka.security-protocol", "SASL_PLAINTEXT",
            "--kafka.sasl-mechanism", "SCRAM-SHA-256",
            "--kafka.user", "rideops-job",
            "--kafka.password-file", file.toString()
        });

        Properties props = settings.kafka().login().properties();

        assertThat(props.toString()).doesNotContain("job-s3cret");
        assertThat(props)
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("config.providers.rideops.param.file", file.toString())
                .containsEntry("config.providers.rideops.param.env", "RIDEOPS_KAFKA_PASSWORD");
        // what a consumer in a TaskManager makes of them: the password, read from the file there
        props.put("bootstrap.servers", "127.0.0.1:1");
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        assertThat(new ConsumerConfig(props).getPassword("sasl.jaas.config").value())
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"rideops-job\" password=\"job-s3cret\";");
    }

    @Test
    void overSaslSslTheClientsVerifyTheBrokersAgainstTheCaFileNamedInTheArguments() {
        JobSettings tls = JobSettings.from(new String[] {
            "--kafka.security-protocol", "SASL_SSL",
            "--kafka.user", "rideops-job",
            "--kafka.ssl-ca", "/var/tmp/rideops-services-x/tls/ca.pem"
        });

        Properties props = tls.kafka().login().properties();

        assertThat(props)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/var/tmp/rideops-services-x/tls/ca.pem")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .doesNotContainKey("ssl.truststore.password");
        // what a consumer makes of them: a PEM trust store with no password is valid
        props.put("bootstrap.servers", "127.0.0.1:1");
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        assertThat(new ConsumerConfig(props).getString("ssl.truststore.type")).isEqualTo("PEM");
        assertThat(JobSettings.from(new String[] {"--kafka.security-protocol", "SASL_PLAINTEXT", "--kafka.user", "u"})
                        .kafka()
                        .login()
                        .properties())
                .as("without TLS, as before")
                .doesNotContainKeys("ssl.truststore.type", "ssl.truststore.location");
    }

    @Test
    void withoutAFileThePasswordComesFromTheEnvironmentAndPlaintextNeedsNone() {
        JobSettings sasl = JobSettings.from(
                new String[] {"--kafka.security-protocol", "SASL_PLAINTEXT", "--kafka.user", "rideops-job"});
        CredentialConfigProvider provider = new CredentialConfigProvider();
        provider.configure(Map.of("env", "RIDEOPS_KAFKA_PASSWORD"));

        assertThat(sasl.kafka().login().properties())
                .doesNotContainKey("config.providers.rideops.param.file")
                .containsEntry("config.providers.rideops.param.env", "RIDEOPS_KAFKA_PASSWORD");
        assertThat(provider.get("", java.util.Set.of("password")).data())
                .containsEntry("password", System.getenv().getOrDefault("RIDEOPS_KAFKA_PASSWORD", ""));
        assertThat(JobSettings.from(new String[0]).kafka().login().properties())
                .containsOnlyKeys("security.protocol")
                .containsEntry("security.protocol", "PLAINTEXT");
    }
}
