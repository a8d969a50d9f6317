package dev.rideops.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.http.BasicAuth;
import dev.rideops.stack.secrets.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedSecretsTest {

    @TempDir
    Path work;

    @TempDir
    Path user;

    private RideopsConfig load(Map<String, String> env, FlagValue... flags) {
        return new ConfigLoader(env, work, user).load(Optional.empty(), List.of(flags));
    }

    @Test
    void everyRoleGetsItsOwnRandomPasswordOnceAndLaterRunsReadTheSame() throws Exception {
        RideopsConfig first = load(Map.of()).withGeneratedSecrets();
        List<Setting> passwords = List.of(
                Setting.POSTGRES_ADMIN_PASSWORD,
                Setting.SOURCE_PASSWORD,
                Setting.CONNECTOR_DATABASE_PASSWORD,
                Setting.REPORTING_PASSWORD,
                Setting.READER_PASSWORD,
                Setting.DASHBOARD_PASSWORD,
                Setting.MONITORING_EXPORTER_PASSWORD,
                Setting.MONITORING_JMX_PASSWORD,
                Setting.SEARCH_PASSWORD,
                Setting.SEARCH_WRITER_PASSWORD,
                Setting.SEARCH_READER_PASSWORD,
                Setting.CONNECT_PASSWORD,
                Setting.KAFKA_ADMIN_PASSWORD,
                Setting.KAFKA_PASSWORD,
                Setting.KAFKA_CONNECT_PASSWORD,
                Setting.KAFKA_JOB_PASSWORD);

        assertThat(passwords.stream().map(first::get)).doesNotContain("").doesNotHaveDuplicates();
        RideopsConfig later = load(Map.of());
        for (Setting s : passwords) {
            assertThat(later.get(s)).as(s.key()).isEqualTo(first.get(s));
            assertThat(later.origin(s)).startsWith("secret " + user.resolve(".rideops/secrets"));
            assertThat(s.shown(later.get(s))).isEqualTo("****");
        }
        Path dir = user.resolve(".rideops/secrets");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        try (var files = Files.list(dir)) {
            files.forEach(f -> assertThat(PosixFilePermissions.toString(uncheckedPermissions(f)))
                    .as(f.toString())
                    .isEqualTo("rw-------"));
        }
    }

    /** A server run on its own (the dashboard, the exporter) generates its login, not the database roles'. */
    @Test
    void aServersOwnLoginIsGeneratedAloneAndFoundByLaterRuns() {
        RideopsConfig dashboard = load(Map.of()).withGeneratedSecrets(Setting.DASHBOARD_PASSWORD);
        Secrets secrets = new Secrets(user.resolve(".rideops"));

        assertThat(secrets.read(Secrets.DASHBOARD)).hasValue(dashboard.get(Setting.DASHBOARD_PASSWORD));
        assertThat(secrets.read(Secrets.POSTGRES_ADMIN)).isEmpty();
        assertThat(secrets.read(Secrets.EXPORTER)).isEmpty();
        assertThat(load(Map.of()).get(Setting.DASHBOARD_PASSWORD)).isEqualTo(dashboard.get(Setting.DASHBOARD_PASSWORD));
        assertThat(load(Map.of("RIDEOPS_MONITORING_EXPORTER_PASSWORD", "set"))
                        .withGeneratedSecrets(Setting.MONITORING_EXPORTER_PASSWORD)
                        .get(Setting.MONITORING_EXPORTER_PASSWORD))
                .isEqualTo("set");
        assertThat(secrets.read(Secrets.EXPORTER)).isEmpty();
    }

    /**
     * rideops sends Connect the login the stack's worker was given: the generated one, or the user's; none before a
     * stack ever ran here (a remote Connect may ask for nothing; one that asks says 401, naming these settings).
     */
    @Test
    void connectsLoginIsTheGeneratedOneTheUsersOrNone() {
        assertThat(Logins.connect(load(Map.of()))).isEmpty();

        RideopsConfig generated = load(Map.of()).withGeneratedSecrets();
        assertThat(Logins.connect(load(Map.of()))).hasValueSatisfying(login -> {
            assertThat(login.user()).isEqualTo("rideops");
            assertThat(login.password())
                    .isEqualTo(generated.get(Setting.CONNECT_PASSWORD))
                    .hasSize(32);
        });
        assertThat(Logins.connect(load(Map.of("RIDEOPS_CONNECT_USER", "ops", "RIDEOPS_CONNECT_PASSWORD", "theirs"))))
                .hasValueSatisfying(
                        login -> assertThat(login.header()).isEqualTo(new BasicAuth("ops", "theirs").header()));
    }

    @Test
    void aPasswordTheUserSetsIsUsedAndNeverWrittenDown() {
        RideopsConfig config = load(
                        Map.of("RIDEOPS_READER_PASSWORD", "mine"),
                        new FlagValue(Setting.SOURCE_PASSWORD, "flagged", "--set source.password"))
                .withGeneratedSecrets();

        assertThat(config.get(Setting.READER_PASSWORD)).isEqualTo("mine");
        assertThat(config.origin(Setting.READER_PASSWORD)).isEqualTo("env RIDEOPS_READER_PASSWORD");
        assertThat(config.get(Setting.SOURCE_PASSWORD)).isEqualTo("flagged");
        Secrets secrets = new Secrets(user.resolve(".rideops"));
        assertThat(secrets.read(Secrets.READER)).isEmpty();
        assertThat(secrets.read(Secrets.SOURCE_WRITER)).isEmpty();
        assertThat(secrets.read(Secrets.MART_WRITER)).isPresent();
    }

    @Test
    void theOriginalScriptsPasswordVariableStillSetsTheGeneratorsPassword() {
        RideopsConfig config = load(Map.of("GENERATOR_PGPASSWORD", "legacy")).withGeneratedSecrets();

        assertThat(config.get(Setting.SOURCE_PASSWORD)).isEqualTo("legacy");
        assertThat(new Secrets(user.resolve(".rideops")).read(Secrets.SOURCE_WRITER))
                .isEmpty();
    }

    @Test
    void readingTheConfigGeneratesNothing() {
        load(Map.of());

        assertThat(user.resolve(".rideops/secrets")).doesNotExist();
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> uncheckedPermissions(Path f) {
        try {
            return Files.getPosixFilePermissions(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
