package dev.rideops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rideops dashboard export}: files a user imports into Grafana and Kibana, and its errors. */
class DashboardCommandTest {

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.run(Map.of("RIDEOPS_HOME", dir.resolve("home").toString()), dir, args);
    }

    @Test
    void exportWritesTheGrafanaDashboardAndTheKibanaObjects() throws Exception {
        Path grafana = dir.resolve("g.json");
        Path kibana = dir.resolve("k.ndjson");
        CliRun r = run("dashboard", "export", "--grafana", grafana.toString(), "--kibana", kibana.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(new ObjectMapper()
                        .readTree(Files.readString(grafana))
                        .path("uid")
                        .asText())
                .isEqualTo("rideops");
        assertThat(Files.readAllLines(kibana))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).startsWith("{"));
        assertThat(r.err()).contains("wrote the Grafana dashboard to " + grafana);
    }

    @Test
    void exportWithoutAFileIsAUsageErrorSayingWhatToGive() {
        CliRun r = run("dashboard", "export");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("rideops: nothing to export; give --grafana FILE, --kibana FILE or both");
    }

    @Test
    void anUnwritableFileIsOneLineWithTheFix() {
        CliRun r = run(
                "dashboard",
                "export",
                "--grafana",
                dir.resolve("no/such/dir/g.json").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cannot write").contains("choose a file").doesNotContain("\tat ");
    }

    @Test
    void helpShowsAnExample() {
        assertThat(run("dashboard", "--help").out()).contains("Examples:").contains("rideops dashboard export");
    }
}
