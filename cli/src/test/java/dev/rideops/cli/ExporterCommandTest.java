package dev.rideops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
                .contains("curl -s http://127.0.0.1:9400/metrics");
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
        Thread exporter = new Thread(() -> result.set(CliRun.run(env, dir, "exporter")));
        exporter.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .build();
            String body = null;
            for (int i = 0; i < 100 && body == null; i++) {
                try {
                    body = http.send(metrics, HttpResponse.BodyHandlers.ofString())
                            .body();
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
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
        assertThat(result.get().err()).contains("exporter serving http://127.0.0.1:" + port + "/metrics");
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
