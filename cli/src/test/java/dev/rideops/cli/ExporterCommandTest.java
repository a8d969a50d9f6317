package dev.rideops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.http.BasicAuth;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rideops exporter}'s help and its one-line failure; what it serves is tested in the exporter package. */
class ExporterCommandTest {

    @TempDir
    Path dir;

    @Test
    void helpSaysWhatItServesWithAnExample() {
        CliRun r = CliRun.run(Map.of("RIDEOPS_HOME", dir.resolve("home").toString()), dir, "exporter", "--help");

        assertThat(r.exitCode()).isZero();
        // help wraps its text at the terminal's width
        assertThat(r.out().replaceAll("\\s+", " "))
                .contains("monitoring.exporter-port")
                .contains("the recent match and cancel rates beside their baseline")
                .contains("Example:")
                .contains("basic auth")
                .contains("curl -s -u \"prometheus:$(cat ~/.rideops/secrets/exporter)\"")
                .contains("http://127.0.0.1:9400/metrics");
    }

    /**
     * The command serves until it is stopped: with no stack here, the mart, Kafka and Connect are reported down and the disk
     * of the home is served. On an ephemeral port, never the stack's; interrupting its thread stands in for SIGTERM.
     */
    @Test
    void servesUntilStoppedReportingWhichSourcesAnswer() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Map<String, String> env = Map.of(
                "RIDEOPS_HOME",
                dir.resolve("home").toString(),
                "RIDEOPS_MONITORING_EXPORTER_PORT",
                Integer.toString(port),
                "RIDEOPS_REPORTING_PORT",
                "1",
                "RIDEOPS_SOURCE_PORT",
                "1",
                "RIDEOPS_KAFKA_BOOTSTRAP_SERVERS",
                "127.0.0.1:1",
                "RIDEOPS_CONNECT_URL",
                "http://127.0.0.1:1");
        AtomicReference<CliRun> result = new AtomicReference<>();
        String password;
        Thread exporter = new Thread(() -> result.set(CliRun.run(env, dir, "exporter")));
        exporter.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest anonymous = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .build();
            HttpResponse<String> refused = null;
            for (int i = 0; i < 100 && refused == null; i++) {
                try {
                    refused = http.send(anonymous, HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertThat(refused).isNotNull();
            assertThat(refused.statusCode()).isEqualTo(401);
            // no password was set: the command generated one into the home's secrets, 0600
            Path secret = dir.resolve("home/secrets/exporter");
            password = Files.readString(secret).strip();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                    .isEqualTo("rw-------");
            HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .header("Authorization", new BasicAuth("prometheus", password).header())
                    .build();
            String body =
                    http.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
            // the client writes numbers as Java does (0.0, 2.147483648E9)
            assertThat(body)
                    .containsPattern("rideops_exporter_source_up\\{source=\"mart\"} 0(\\.0)?\n")
                    .containsPattern("rideops_exporter_source_up\\{source=\"kafka\"} 0(\\.0)?\n")
                    .containsPattern("rideops_exporter_source_up\\{source=\"connect\"} 0(\\.0)?\n")
                    .containsPattern("rideops_exporter_source_up\\{source=\"source\"} 0(\\.0)?\n")
                    .containsPattern("rideops_exporter_source_up\\{source=\"processes\"} 1(\\.0)?\n")
                    .containsPattern("rideops_exporter_source_up\\{source=\"disk\"} 1(\\.0)?\n")
                    .containsPattern("rideops_disk_min_free_bytes (2147483648|2\\.147483648E9)\n");
        } finally {
            exporter.interrupt();
            exporter.join(15_000);
        }
        assertThat(exporter.isAlive()).isFalse();
        assertThat(result.get().exitCode()).as(result.get().err()).isZero();
        assertThat(result.get().err())
                .contains("exporter serving http://127.0.0.1:" + port + "/metrics to user prometheus")
                .contains("secret " + dir.resolve("home/secrets/exporter"))
                .doesNotContain(password);
    }

    /** A port something else holds (an ephemeral one here, never the stack's): one line, what and how to fix. */
    @Test
    void aBusyPortFailsInOneLineNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            CliRun r = CliRun.run(
                    Map.of(
                            "RIDEOPS_HOME",
                            dir.resolve("home").toString(),
                            "RIDEOPS_MONITORING_EXPORTER_PORT",
                            Integer.toString(port)),
                    dir,
                    "exporter");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.errLines())
                    .singleElement()
                    .asString()
                    .startsWith("rideops: the exporter cannot listen on 127.0.0.1:" + port + ": ")
                    .endsWith("set monitoring.exporter-port");
        }
    }
}
