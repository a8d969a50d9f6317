package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.ServerUser;
import dev.rideops.stack.secrets.LocalCa;
import dev.rideops.stack.secrets.Secrets;
import dev.rideops.stack.secrets.ServerCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL servers' TLS ({@code security.tls}) as written and passed, checked without starting a server. */
class PostgresServerTlsTest {

    private static final LogRotation LOGS = new LogRotation(50L << 20, 4);
    private static final boolean ROOT = System.getProperty("user.name").equals("root");

    @TempDir
    Path home;

    private PostgresServerTls tls() {
        Secrets stored = new Secrets(home);
        Secrets clusterFiles =
                Secrets.ofService(home.resolve("postgres/tls"), Optional.of(ServerUser.named(ROOT, "nobody")));
        return new PostgresServerTls(
                ServerCertificates.postgres(
                        new LocalCa(stored, () -> stored.getOrCreate(Secrets.FLINK_CA)),
                        clusterFiles,
                        home.resolve("services/tls/ca.pem")),
                clusterFiles);
    }

    private PostgresService source(Optional<PostgresServerTls> tls, Map<String, String> nativeSettings) {
        return new PostgresService(
                "source-db",
                ServiceDirs.of(home, "source-db"),
                new PostgresInstall(home, home.resolve("lib"), false),
                5432,
                "ride_hailing_db",
                "user",
                () -> "password",
                OptionalInt.of(4096),
                nativeSettings,
                tls,
                LOGS);
    }

    @Test
    void withoutTlsTheServerIsStartedAndProbedAsBefore() {
        PostgresService plain = source(Optional.empty(), Map.of());

        assertThat(String.join(" ", plain.command())).doesNotContain("ssl").doesNotContain("hba_file");
        assertThat(plain.jdbcUrl("postgres")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    @Test
    void withTlsTheServerServesTheCertificateAndTakesTheHbaFileTheUsersSettingsStillWin() {
        PostgresServerTls tls = tls();

        List<String> command = source(Optional.of(tls), Map.of("ssl_min_protocol_version", "TLSv1.3"))
                .command();

        Path dir = home.resolve("postgres/tls");
        assertThat(command)
                .containsSequence(
                        "-c",
                        "ssl=on",
                        "-c",
                        "ssl_cert_file=" + dir.resolve("server.crt"),
                        "-c",
                        "ssl_key_file=" + dir.resolve("server.key"),
                        "-c",
                        "hba_file=" + dir.resolve("pg_hba.conf"));
        assertThat(command.indexOf("ssl_min_protocol_version=TLSv1.3")).isGreaterThan(command.indexOf("ssl=on"));
    }

    @Test
    void theHbaFileTakesTcpOverTlsOnlyWithScramPasswords() throws Exception {
        PostgresServerTls tls = tls();

        tls.prepare();

        List<String> rules = Files.readAllLines(tls.hbaFile()).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        assertThat(rules).hasSize(4).allMatch(line -> line.startsWith("hostssl ") && line.endsWith(" scram-sha-256"));
        assertThat(String.join("\n", rules))
                .contains("hostssl  all          all   127.0.0.1/32")
                .contains("hostssl  replication  all   127.0.0.1/32");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.hbaFile())))
                .isEqualTo("rw-------");
        assertThat(Files.getOwner(tls.hbaFile()).getName())
                .as("PostgreSQL reads it as its own user")
                .isEqualTo(ROOT ? "nobody" : System.getProperty("user.name"));
        assertThat(home.resolve("postgres/tls/server.crt")).isRegularFile();
        assertThat(home.resolve("postgres/tls/server.key")).isRegularFile();
    }

    @Test
    void theStacksProbeVerifiesTheServerLikeEveryOtherClient() {
        assertThat(source(Optional.of(tls()), Map.of()).jdbcUrl("postgres"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres?sslmode=verify-full&sslrootcert="
                        + home.resolve("services/tls/ca.pem"));
    }
}
