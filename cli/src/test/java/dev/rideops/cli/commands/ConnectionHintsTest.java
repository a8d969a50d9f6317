package dev.rideops.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.cli.config.ConfigLoader;
import dev.rideops.cli.config.RideopsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code up} prints for reaching Connect's REST API and the schema registry: a curl line with its login, never
 * the password.
 */
class ConnectionHintsTest {

    @TempDir
    Path work;

    @TempDir
    Path user;

    private RideopsConfig load(Map<String, String> env) {
        return new ConfigLoader(env, work, user).load(Optional.empty(), List.of());
    }

    @Test
    void theGeneratedPasswordIsReadFromItsFile() {
        RideopsConfig config = load(Map.of()).withGeneratedSecrets();

        assertThat(UpCommand.connectCurl(config, 8083))
                .isEqualTo("curl -u \"rideops:$(cat " + user.resolve(".rideops/secrets/connect")
                        + ")\" http://127.0.0.1:8083/connectors");
    }

    @Test
    void aPasswordTheUserSetIsLeftForCurlToAskFor() {
        RideopsConfig config = load(Map.of("RIDEOPS_CONNECT_USER", "ops", "RIDEOPS_CONNECT_PASSWORD", "theirs"));

        assertThat(UpCommand.connectCurl(config, 8083))
                .isEqualTo("curl -u ops http://127.0.0.1:8083/connectors")
                .doesNotContain("theirs");
    }

    @Test
    void theSchemaRegistryIsReadAsTheJobsReadOnlyUserWithItsGeneratedPasswordFromItsFile() {
        RideopsConfig config = load(Map.of("RIDEOPS_CDC_FORMAT", "avro")).withGeneratedSecrets();

        assertThat(UpCommand.registryCurl(config, 8080))
                .isEqualTo("curl -u \"registry-job:$(cat " + user.resolve(".rideops/secrets/registry-job")
                        + ")\" http://127.0.0.1:8080/apis/registry/v3/search/artifacts");
        assertThat(UpCommand.registryCurl(
                        load(Map.of("RIDEOPS_CDC_FORMAT", "avro", "RIDEOPS_REGISTRY_JOB_PASSWORD", "theirs")), 8080))
                .startsWith("curl -u registry-job http://")
                .doesNotContain("theirs");
    }

    @Test
    void flinksRestApiIsReachedWithTheLocalCaAndRideopsClientCertificateNeverAPassword() {
        RideopsConfig config = load(Map.of()).withGeneratedSecrets();

        assertThat(UpCommand.flinkCurl(config, 8081))
                .isEqualTo("curl --cacert " + user.resolve(".rideops/secrets/flink-ca.pem") + " --cert "
                        + user.resolve(".rideops/secrets/flink-rest-client.pem") + " https://127.0.0.1:8081/overview")
                .doesNotContain(config.get(dev.rideops.cli.config.Setting.FLINK_CLIENT_KEYSTORE_PASSWORD));
    }
}
