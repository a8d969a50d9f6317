package dev.rideops.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.cli.config.ConfigLoader;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpHintsTest {

    @TempDir
    Path work;

    @TempDir
    Path user;

    @Test
    void theSearchCurlLogsInAsTheReaderReadingItsPasswordFromItsFile() {
        RideopsConfig config = new ConfigLoader(Map.of(), work, user)
                .load(Optional.empty(), List.of())
                .withGeneratedSecrets();

        String curl = UpCommand.curl(config, 9200) + "/_cluster/health'";

        assertThat(curl)
                .isEqualTo("curl -u rideops_search_reader:\"$(cat " + user.resolve(".rideops/secrets/search-reader")
                        + ")\" 'http://127.0.0.1:9200/_cluster/health'")
                .doesNotContain(config.get(Setting.SEARCH_READER_PASSWORD));
    }

    @Test
    void aPasswordTheUserSetIsNeverPrinted() {
        RideopsConfig config = new ConfigLoader(Map.of("RIDEOPS_SEARCH_READER_PASSWORD", "mine-42"), work, user)
                .load(Optional.empty(), List.of());

        assertThat(UpCommand.curl(config, 9200))
                .isEqualTo("curl -u rideops_search_reader:PASSWORD 'http://127.0.0.1:9200");
    }

    @Test
    void withTlsTheSearchAndConnectCurlsSpeakHttpsAndVerifyTheLocalCa() {
        RideopsConfig config = new ConfigLoader(Map.of("RIDEOPS_SECURITY_TLS", "true"), work, user)
                .load(Optional.empty(), List.of())
                .withGeneratedSecrets();
        String ca = dev.rideops.stack.Stack.caCertificate(config.home(), config.rootsStack())
                .toString();

        assertThat(UpCommand.curl(config, 9200) + "/_cluster/health'")
                .isEqualTo("curl --cacert " + ca + " -u rideops_search_reader:\"$(cat "
                        + user.resolve(".rideops/secrets/search-reader")
                        + ")\" 'https://127.0.0.1:9200/_cluster/health'");
        assertThat(UpCommand.connectCurl(config, 8083))
                .isEqualTo("curl --cacert " + ca + " -u \"rideops:$(cat " + user.resolve(".rideops/secrets/connect")
                        + ")\" https://127.0.0.1:8083/connectors");
    }

    @Test
    void withTlsThePsqlLinesVerifyTheServerAgainstTheLocalCa() {
        RideopsConfig config =
                new ConfigLoader(Map.of("RIDEOPS_SECURITY_TLS", "true"), work, user).load(Optional.empty(), List.of());

        assertThat(UpCommand.psql(config, 5433, "reporting_db"))
                .endsWith(
                        "psql 'postgresql://rideops_reader@127.0.0.1:5433/reporting_db?sslmode=verify-full&sslrootcert="
                                + dev.rideops.stack.Stack.caCertificate(config.home(), config.rootsStack()) + "'");
        assertThat(UpCommand.psql(new ConfigLoader(Map.of(), work, user).load(Optional.empty(), List.of()), 5433, "r"))
                .endsWith("@127.0.0.1:5433/r'");
    }

    @Test
    void withTlsTheKafkaLineSaysSaslSslAndTheCaAndWithoutItOnlyTheAddresses() {
        RideopsConfig tls =
                new ConfigLoader(Map.of("RIDEOPS_SECURITY_TLS", "true"), work, user).load(Optional.empty(), List.of());
        RideopsConfig plain = new ConfigLoader(Map.of(), work, user).load(Optional.empty(), List.of());

        assertThat(UpCommand.kafkaHint(spec(tls), tls))
                .isEqualTo("127.0.0.1:9092 (SASL_SSL, CA "
                        + dev.rideops.stack.Stack.caCertificate(tls.home(), tls.rootsStack()) + ")");
        assertThat(UpCommand.kafkaHint(spec(plain), plain))
                .isEqualTo(spec(plain).kafkaBootstrapServers());
    }

    private static dev.rideops.stack.StackSpec spec(RideopsConfig config) {
        return dev.rideops.cli.config.StackSpecs.from(
                config,
                new dev.rideops.stack.RuntimeLayout(Path.of("/opt/rideops")),
                () -> 0,
                1,
                new dev.rideops.stack.os.Executables(""));
    }
}
