package dev.rideops.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.cli.error.UsageException;
import dev.rideops.clients.connect.CdcConnector;
import dev.rideops.contract.PostgresTls;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.Stack;
import dev.rideops.stack.os.Executables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTlsTest {

    @TempDir
    Path work;

    @TempDir
    Path user;

    private RideopsConfig load(Map<String, String> env, FlagValue... flags) {
        return new ConfigLoader(env, work, user).load(Optional.empty(), List.of(flags));
    }

    private static final FlagValue TLS = new FlagValue(Setting.SECURITY_TLS, "true", "--tls");

    private static Endpoints endpoints(RideopsConfig config) {
        return Endpoints.from(config, spec(config));
    }

    private static dev.rideops.stack.StackSpec spec(RideopsConfig config) {
        return StackSpecs.from(config, new RuntimeLayout(Path.of("/opt/rideops")), () -> 0, 2, new Executables(""));
    }

    @Test
    void byDefaultEveryUrlIsThePlainOneOfBeforeAndTheStackServesNoTls() {
        RideopsConfig config = load(Map.of());

        assertThat(config.get(Setting.SECURITY_TLS)).isEqualTo("false");
        assertThat(DatabaseTls.of(config)).isEqualTo(PostgresTls.NONE);
        assertThat(endpoints(config).reportingJdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5433/reporting_db");
        assertThat(SourceDbs.from(config).url()).isEqualTo("jdbc:postgresql://localhost:5432/ride_hailing_db");
        assertThat(spec(config).tls()).isFalse();
        assertThat(CdcConnector.config(connectorSource(config), 1)).doesNotContainKeys("database.sslmode");
    }

    @Test
    void withTlsEveryClientVerifiesTheServersAgainstThePublicCopyOfTheLocalCa() {
        RideopsConfig config = load(Map.of(), TLS);
        String ca = Stack.caCertificate(config.home(), config.rootsStack()).toString();
        String tls = "?sslmode=verify-full&sslrootcert=" + ca;

        assertThat(ca).endsWith("/tls/ca.pem").doesNotContain("/secrets/");
        assertThat(spec(config).tls()).isTrue();
        assertThat(endpoints(config).reportingJdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost:5433/reporting_db" + tls);
        assertThat(SourceDbs.from(config).url()).isEqualTo("jdbc:postgresql://localhost:5432/ride_hailing_db" + tls);
        assertThat(SourceDbs.from(config)).hasToString("rideops_writer@localhost:5432/ride_hailing_db");
        assertThat(SourceDbs.reader(config).url()).endsWith(tls);
        assertThat(SourceDbs.admin(config).url()).endsWith(tls);
        assertThat(CdcConnector.config(connectorSource(config), 1))
                .containsEntry("database.sslmode", "verify-full")
                .containsEntry("database.sslrootcert", ca);
    }

    @Test
    void aRemoteDatabaseIsVerifiedWithTheModeAndCaTheUserNames() {
        RideopsConfig config = load(Map.of(
                "RIDEOPS_POSTGRES_SSLMODE", "verify-full",
                "RIDEOPS_POSTGRES_SSLROOTCERT", "/etc/ssl/db-ca.pem",
                "RIDEOPS_REPORTING_HOST", "mart.example.com"));

        assertThat(endpoints(config).reportingJdbcUrl())
                .isEqualTo("jdbc:postgresql://mart.example.com:5433/reporting_db"
                        + "?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.pem");
        assertThat(spec(config).tls())
                .as("the local stack is not asked for TLS")
                .isFalse();
        // with the local TLS, a CA the user names wins over the local one
        assertThat(DatabaseTls.of(load(Map.of("RIDEOPS_POSTGRES_SSLROOTCERT", "/etc/ssl/db-ca.pem"), TLS)))
                .isEqualTo(PostgresTls.verifyFull("/etc/ssl/db-ca.pem"));
        assertThatThrownBy(() -> load(Map.of("RIDEOPS_POSTGRES_SSLMODE", "verify")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("postgres.sslmode");
    }

    @Test
    void aStackStartedWithTlsIsReachedWithItByLaterCommandsUnlessTheyAreToldOtherwise() throws Exception {
        RideopsConfig up = load(Map.of(), TLS);
        Files.createDirectories(up.home());
        new ObjectMapper().writeValue(Stack.specFile(up.home()).toFile(), spec(up));

        RideopsConfig later = load(Map.of());

        assertThat(later.get(Setting.SECURITY_TLS)).isEqualTo("true");
        assertThat(later.origin(Setting.SECURITY_TLS)).startsWith("stack.json");
        assertThat(SourceDbs.from(later).url()).contains("sslmode=verify-full");
        RideopsConfig toldOff = load(Map.of("RIDEOPS_SECURITY_TLS", "false"));
        assertThat(toldOff.get(Setting.SECURITY_TLS)).isEqualTo("false");
        assertThat(SourceDbs.from(toldOff).url()).doesNotContain("sslmode");
    }

    private static CdcConnector.Source connectorSource(RideopsConfig config) {
        return new CdcConnector.Source(
                config.get(Setting.SOURCE_HOST),
                config.intValue(Setting.SOURCE_PORT),
                config.get(Setting.SOURCE_DATABASE),
                config.get(Setting.CONNECTOR_DATABASE_USER),
                "secret",
                DatabaseTls.of(config));
    }
}
