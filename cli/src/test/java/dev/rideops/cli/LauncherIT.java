package dev.rideops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the {@code ./rideops} launcher as a separate process, the way a user does. */
class LauncherIT {

    private static final Path DIST =
            Path.of(System.getProperty("rideops.dist", "..")).toAbsolutePath().normalize();

    @TempDir
    Path home;

    record Result(int code, String out, String err) {}

    private Result rideops(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(DIST.resolve("rideops").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        pb.environment().put("RIDEOPS_HOME", home.toString());
        pb.environment().put("RIDEOPS_NO_BUILD", "1");
        pb.environment().putAll(env);
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("rideops finished").isTrue();
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpWorksFromTheLauncher() throws Exception {
        Result r = rideops(Map.of(), "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("preflight").contains("chaos").contains("Exit codes");
    }

    @Test
    void badFlagValueGivesOneLineAndExit2WithoutStackTrace() throws Exception {
        Result r = rideops(Map.of(), "up", "--volume", "huge");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines())
                .singleElement()
                .asString()
                .startsWith("rideops: Invalid value for option '--volume'");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void preflightReportsABusyPortWithItsOwner() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            Result r = rideops(Map.of(), "preflight", "--brokers", "1", "--set", "search.port=" + port);

            assertThat(r.code()).isEqualTo(1);
            assertThat(r.out())
                    .containsPattern("ports/" + port + " +FAIL +in use by java .*\\(pid "
                            + ProcessHandle.current().pid() + "\\)");
            assertThat(r.out()).contains("preflight failed");
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "connector|kafka.bootstrap-servers=127.0.0.1:1|Kafka at 127.0.0.1:1 did not answer in time; check "
                        + "kafka.bootstrap-servers, that kafka.security-protocol (SASL_PLAINTEXT) is what its listener "
                        + "speaks, and that the brokers run ('rideops status')",
                "indexes|search.url=http://127.0.0.1:1|the search node is not reachable at http://127.0.0.1:1; start the "
                        + "local stack with 'rideops up --no-generate', or set its URL in config to one that runs",
            })
    void deployToAMissingEndpointSaysWhichAndHowToFixIt(String part, String setting, String message) throws Exception {
        Result r = rideops(Map.of(), "deploy", "--only", part, "--set", setting);

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()
                        .lines()
                        .filter(l -> l.startsWith("rideops: deploy failed"))
                        .toList())
                .singleElement()
                .asString()
                .isEqualTo("rideops: deploy failed: " + message);
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void dryRunChangesNothingAndSaysWhatItWouldDo() throws Exception {
        Result r = rideops(
                Map.of("RIDEOPS_FLINK_URL", "http://127.0.0.1:1"),
                "deploy",
                "--dry-run",
                "--only",
                "connector,job",
                "--offsets",
                "earliest");

        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("would create or update rideops-source")
                .contains("would run rideops-job-")
                .contains("on http://127.0.0.1:1 (offsets earliest)");
    }

    @Test
    void environmentOverridesShowInConfig() throws Exception {
        Result r = rideops(Map.of("RIDEOPS_SOURCE_PORT", "15432"), "config", "show");

        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("source\\.port +15432 +env RIDEOPS_SOURCE_PORT");
    }
}
