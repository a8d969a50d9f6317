package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** When the stack cannot start, users get the reason in one line and nothing is left running. */
class FailedStartIT {

    @Test
    void busyPortStopsUpBeforeAnythingStartsAndNamesTheHolder() throws IOException {
        Path home = Files.createTempDirectory("rideops-busy-it");
        Rideops rideops = new Rideops(home);
        try (ServerSocket busy = new ServerSocket(rideops.kafkaPort(), 1, InetAddress.getLoopbackAddress())) {
            Rideops.Result up = rideops.run("up", "--no-generate");

            assertThat(up.code()).isEqualTo(1);
            assertThat(up.err())
                    .containsPattern(
                            "rideops: preflight failed: ports/" + rideops.kafkaPort() + ": in use by java .*\\(pid "
                                    + ProcessHandle.current().pid() + "\\)");
            assertThat(up.err()).contains("--set kafka.port=").doesNotContain("\tat ");
            assertThat(home.resolve("services")).doesNotExist();
        }
    }

    @Test
    void serviceThatDiesOnStartIsNamedWithItsLogAndTheRestIsStopped() throws IOException {
        Path home = Files.createTempDirectory("rideops-fail-it");
        // A 1 MiB heap makes the search node's JVM exit at once, after the databases and Kafka were started.
        Rideops rideops = new Rideops(home).env("RIDEOPS_SEARCH_HEAP", "1m");
        try {
            Rideops.Result up = rideops.run("up", "--no-generate");

            assertThat(up.code()).isEqualTo(1);
            assertThat(up.err())
                    .contains("rideops: search exited")
                    .contains("stopped what this run had started")
                    .contains("rideops logs search")
                    // under the home, or as root with a home others cannot enter, under /var/tmp (see ServerUser)
                    .contains("last lines of ")
                    .contains("services/search/service.log");
            assertThat(up.err()).containsPattern("source-db +stopped");
            String servicesRoot = "rideops-services-"
                    + Integer.toHexString(
                            home.toAbsolutePath().normalize().toString().hashCode());
            assertThat(ProcessHandle.allProcesses().filter(p -> {
                        String line = p.info().commandLine().orElse("");
                        return line.contains(home.toString()) || line.contains(servicesRoot);
                    }))
                    .isEmpty();
            Rideops.Result status = rideops.run("status", "--json");
            assertThat(status.json().get("services").findValuesAsText("state")).containsOnly("down");
        } finally {
            rideops.run("down", "--purge");
        }
    }
}
