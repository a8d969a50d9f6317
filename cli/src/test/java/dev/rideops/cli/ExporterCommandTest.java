package dev.rideops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
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
