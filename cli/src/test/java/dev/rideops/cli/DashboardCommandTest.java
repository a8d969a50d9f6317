package dev.rideops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

    /** How a person logs in: the user and where the password is; the password itself only when asked for. */
    @Test
    void urlSaysTheUserAndWhereThePasswordIsAndShowsItOnlyWhenAsked() throws Exception {
        CliRun url = run("dashboard", "--url");
        Path secret = dir.resolve("home/secrets/dashboard");
        String password = Files.readString(secret).strip();

        assertThat(url.exitCode()).as(url.err()).isZero();
        assertThat(password).matches("[A-Za-z0-9_-]{32}");
        assertThat(url.out())
                .contains("url        http://127.0.0.1:8088/\n")
                .contains("user       rideops\n")
                .contains(
                        "password   secret " + secret + " (setting dashboard.password, env RIDEOPS_DASHBOARD_PASSWORD)")
                .doesNotContain(password);

        CliRun shown = run("dashboard", "--url", "--show-password", "--json");
        JsonNode json = new ObjectMapper().readTree(shown.out());
        assertThat(json.path("user").asText()).isEqualTo("rideops");
        assertThat(json.path("password").asText()).isEqualTo(password);
        assertThat(new ObjectMapper()
                        .readTree(run("dashboard", "--url", "--json").out())
                        .has("password"))
                .isFalse();
    }

    @Test
    void aPasswordTheUserSetsIsUsedAndNotWrittenDown() {
        CliRun r = CliRun.run(
                Map.of(
                        "RIDEOPS_HOME", dir.resolve("home").toString(),
                        "RIDEOPS_DASHBOARD_PASSWORD", "mine-Secret",
                        "RIDEOPS_DASHBOARD_USER", "ops"),
                dir,
                "dashboard",
                "--url");

        assertThat(r.out())
                .contains("user       ops\n")
                .contains("env RIDEOPS_DASHBOARD_PASSWORD")
                .doesNotContain("mine");
        assertThat(dir.resolve("home/secrets/dashboard")).doesNotExist();
    }

    @Test
    void showPasswordWithoutUrlIsAUsageError() {
        CliRun r = run("dashboard", "--show-password");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--show-password goes with --url");
    }

    @Test
    void aUserNameBasicAuthCannotCarryIsRefusedInOneLine() {
        CliRun r = CliRun.run(
                Map.of("RIDEOPS_HOME", dir.resolve("home").toString(), "RIDEOPS_DASHBOARD_USER", "a:b"),
                dir,
                "dashboard",
                "--url");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .contains("dashboard.user")
                .contains("':'");
    }
}
