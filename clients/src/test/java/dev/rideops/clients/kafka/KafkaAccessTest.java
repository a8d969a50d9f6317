package dev.rideops.clients.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.clients.LoginRefusedException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class KafkaAccessTest {

    private final KafkaAccess local =
            new KafkaAccess("127.0.0.1:9092", "SASL_PLAINTEXT", "SCRAM-SHA-512", "rideops", "pa\"ss\\word");

    @Test
    void aSaslClientLogsInWithScramAndItsPasswordQuotedAsJaasReadsIt() {
        Properties p = local.properties();

        assertThat(p)
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"rideops\" "
                                + "password=\"pa\\\"ss\\\\word\";");
        // Kafka's own parser reads the password back as it was
        AdminClientConfig parsed = new AdminClientConfig(p);
        var options = org.apache.kafka.common.security.JaasContext.loadClientContext(parsed.values())
                .configurationEntries()
                .get(0)
                .getOptions();
        assertThat(options.get("password")).isEqualTo("pa\"ss\\word");
        assertThat(options.get("username")).isEqualTo("rideops");
    }

    @Test
    void plainIsForRemoteClustersAndPlaintextHasNoLogin() {
        assertThat(local.as("svc", "x").properties().getProperty("sasl.jaas.config"))
                .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\"");
        assertThat(new KafkaAccess("remote:9093", "SASL_SSL", "PLAIN", "svc", "x")
                        .properties()
                        .getProperty("sasl.jaas.config"))
                .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule");
        assertThat(KafkaAccess.plaintext("remote:9092").properties())
                .containsEntry("security.protocol", "PLAINTEXT")
                .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config");
        assertThatThrownBy(() -> new KafkaAccess("x:1", "SASL", "PLAIN", "u", "p"))
                .hasMessageContaining("unknown Kafka security protocol SASL");
    }

    @Test
    void overTlsTheBrokersAreVerifiedAgainstTheCaFileAsAPemTrustStoreAndWithoutTlsNothingIsAdded() {
        KafkaAccess tls = new KafkaAccess("127.0.0.1:9092", "SASL_SSL", "SCRAM-SHA-512", "rideops", "pw", "/ca.pem");

        assertThat(List.copyOf(tls.securityProperties().keySet()))
                .containsExactly(
                        "security.protocol",
                        "sasl.mechanism",
                        "sasl.jaas.config",
                        "ssl.truststore.type",
                        "ssl.truststore.location");
        assertThat(tls.properties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/ca.pem")
                .doesNotContainKeys("ssl.truststore.password", "ssl.endpoint.identification.algorithm");
        // who it logs in as and where, through another server or as another user, keeps the CA
        assertThat(tls.as("svc", "x").via("127.0.0.1:19092").sslCa()).isEqualTo("/ca.pem");
        // Kafka accepts them: a PEM trust store takes no password
        new AdminClientConfig(tls.properties());
        assertThat(List.copyOf(local.securityProperties().keySet()))
                .as("as before TLS could be asked for")
                .containsExactly("security.protocol", "sasl.mechanism", "sasl.jaas.config");
        assertThat(new KafkaAccess("x:1", "SASL_PLAINTEXT", "SCRAM-SHA-512", "u", "p", "/ca.pem").properties())
                .as("no TLS, no trust store")
                .doesNotContainKeys("ssl.truststore.type", "ssl.truststore.location");
        assertThat(new KafkaAccess("x:1", "SASL_SSL", "SCRAM-SHA-512", "u", "p").properties())
                .as("the JVM's CAs")
                .doesNotContainKeys("ssl.truststore.type", "ssl.truststore.location");
    }

    @Test
    void whatAnAccessSaysOfItselfNeverHoldsThePassword() {
        assertThat(local.toString())
                .isEqualTo("rideops@127.0.0.1:9092 (SASL_PLAINTEXT SCRAM-SHA-512)")
                .doesNotContain("pa\"ss");
        assertThat(local.via("127.0.0.1:19092").bootstrapServers()).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void aRefusedLoginIsOneLineNamingKafkaAndTheSettingsToFix() {
        var failure = new ExecutionException(
                new SaslAuthenticationException("Authentication failed during authentication due to invalid "
                        + "credentials with SASL mechanism SCRAM-SHA-512"));

        var explained = KafkaFailures.explain(failure, local, "create the CDC topics");

        assertThat(explained)
                .as("a health look must not read it as 'unknown'")
                .isInstanceOf(LoginRefusedException.class);
        assertThat(explained.getMessage())
                .isEqualTo("Kafka at 127.0.0.1:9092 refused the login of user 'rideops' (SCRAM-SHA-512): unknown user"
                        + " or bad password")
                .doesNotContain("pa\"ss");
        assertThat(explained.fix()).contains("kafka.password (RIDEOPS_KAFKA_PASSWORD)");
    }

    @Test
    void aDeniedOperationNamesTheUserWhatItTriedAndTheAcl() {
        var topic = KafkaFailures.explain(
                new ExecutionException(new TopicAuthorizationException("Authorization failed.")),
                local,
                "create the CDC topics");
        var group = KafkaFailures.explain(
                new RuntimeException(new GroupAuthorizationException("Not authorized to access group: rideops-job")),
                local,
                "read the job's consumer group offsets");

        assertThat(List.of(topic, group)).allSatisfy(e -> assertThat(e).isInstanceOf(LoginRefusedException.class));
        assertThat(topic.getMessage())
                .isEqualTo("Kafka denied user 'rideops' to create the CDC topics (Topic ACL: Authorization failed.)");
        assertThat(group.getMessage())
                .contains("user 'rideops'")
                .contains("(Group ACL: Not authorized to access group");
        assertThat(KafkaFailures.explain(new ExecutionException(new IllegalStateException("x")), local, "y"))
                .isNull();
    }
}
