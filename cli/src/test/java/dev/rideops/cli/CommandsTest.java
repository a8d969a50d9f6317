package dev.rideops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.cli.config.Setting;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service-control, env and wait commands as users call them, without a running stack. */
class CommandsTest {

    @TempDir
    Path dir;

    private CliRun run(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("RIDEOPS_HOME", dir.resolve("home").toString());
        return CliRun.run(all, dir, args);
    }

    @Test
    void envPrintsWhereAPasswordIsSetButNeverThePassword() throws Exception {
        Map<String, String> env = Map.of("RIDEOPS_SOURCE_PASSWORD", "s3cr3t-value", "RIDEOPS_REPORTING_PORT", "15433");

        CliRun bash = run(env, "env");
        CliRun fish = run(env, "env", "--shell", "fish");
        CliRun json = run(env, "env", "--json");

        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out())
                .contains("export RIDEOPS_HOME='" + dir.resolve("home") + "'\n")
                .contains("export RIDEOPS_REPORTING_JDBC_URL='jdbc:postgresql://localhost:15433/reporting_db'\n")
                .contains("export RIDEOPS_SOURCE_DB_PASSWORD_FROM='env RIDEOPS_SOURCE_PASSWORD (setting "
                        + "source.password, env RIDEOPS_SOURCE_PASSWORD)'\n")
                .contains("export FLINK_URL='https://127.0.0.1:8081'\n")
                // the local REST API's mutual TLS: what curl needs, from the home's secrets
                .contains("export FLINK_CA_CERT='" + dir.resolve("home/secrets/flink-ca.pem") + "'\n")
                .contains("export FLINK_CLIENT_CERT='" + dir.resolve("home/secrets/flink-rest-client.pem") + "'\n");
        assertThat(fish.out()).contains("set -gx CONNECT_URL 'http://127.0.0.1:8083'\n");
        JsonNode variables = new ObjectMapper().readTree(json.out());
        assertThat(variables.get("RIDEOPS_REPORTING_DB_PASSWORD_FROM").asText()).startsWith("the built-in default");
        // how to log in to the dashboard, never the password
        assertThat(variables.get("DASHBOARD_URL").asText()).isEqualTo("http://127.0.0.1:8088/");
        assertThat(variables.get("DASHBOARD_USER").asText()).isEqualTo("rideops");
        assertThat(variables.get("DASHBOARD_PASSWORD_FROM").asText()).contains("setting dashboard.password");
        // how Kafka's tools log in: the user and where its password is set
        assertThat(variables.get("KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_PLAINTEXT");
        assertThat(variables.get("KAFKA_USER").asText()).isEqualTo("rideops");
        assertThat(variables.get("KAFKA_PASSWORD_FROM").asText()).contains("setting kafka.password");
        // and to Connect's REST API
        assertThat(variables.get("CONNECT_USER").asText()).isEqualTo("rideops");
        assertThat(variables.get("CONNECT_PASSWORD_FROM").asText())
                .contains("setting connect.password, env RIDEOPS_CONNECT_PASSWORD");
        for (CliRun r : new CliRun[] {bash, fish, json}) {
            assertThat(r.out()).doesNotContain("s3cr3t-value").doesNotContain("'password'");
        }
    }

    @Test
    void envChangesNoSettingOfLaterCommandsButTheHome() throws Exception {
        JsonNode variables =
                new ObjectMapper().readTree(run(Map.of(), "env", "--json").out());

        for (Iterator<String> names = variables.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            for (Setting s : Setting.values()) {
                if (s != Setting.HOME) {
                    assertThat(name).as(s.key()).isNotEqualTo(s.envName()).isNotIn(s.aliases());
                }
            }
        }
        assertThat(variables.has("RIDEOPS_HOME")).isTrue();
    }

    @Test
    void thePortOffsetFlagMovesTheEndpointsEveryCommandSees() throws Exception {
        JsonNode variables = new ObjectMapper()
                .readTree(run(Map.of(), "--port-offset", "100", "env", "--json").out());

        assertThat(variables.get("SEARCH_URL").asText()).isEqualTo("http://127.0.0.1:9300");
        assertThat(variables.get("RIDEOPS_SOURCE_JDBC_URL").asText())
                .isEqualTo("jdbc:postgresql://localhost:5532/ride_hailing_db");
    }

    @Test
    void anUnknownServiceIsAUsageErrorListingTheKnownOnes() {
        CliRun r = run(Map.of(), "stop", "kafka-7");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err())
                .contains("no service or group named 'kafka-7'")
                .contains("connect")
                .contains("kafka");
    }

    @Test
    void theGeneratorIsNotStartedWithoutItsWorkload() {
        CliRun r = run(Map.of(), "start", "generator");
        CliRun restart = run(Map.of(), "restart", "generator");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("rideops generate --detach");
        assertThat(restart.exitCode()).isEqualTo(2);
        assertThat(restart.err()).doesNotContain("restarting");
    }

    @Test
    void waitingForAStackThatIsNotThereFailsNamingWhatIsDown() {
        CliRun r = run(Map.of(), "wait", "--timeout", "1s", "--interval", "1s");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("not ready after 1s").contains("source-db down");
    }

    @Test
    void configShowListsEachServicesOwnSettingsWithTheirOriginMaskingSecrets() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("rideops.yaml"), """
                kafka:
                  properties:
                    num.io.threads: 8
                    ssl.keystore.password: hunter2
                profiles:
                  big:
                    flink:
                      config:
                        taskmanager.numberOfTaskSlots: 8
                """);

        CliRun r = run(Map.of(), "--profile", "big", "config", "show", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode natives = new ObjectMapper().readTree(r.out()).get("native");
        assertThat(natives.findValuesAsText("key"))
                .containsExactly(
                        "kafka.properties.num.io.threads",
                        "kafka.properties.ssl.keystore.password",
                        "flink.config.taskmanager.numberOfTaskSlots");
        assertThat(natives.findValuesAsText("value")).containsExactly("8", "****", "8");
        assertThat(natives.get(2).get("origin").asText()).startsWith("profile big file ");
        assertThat(r.out()).doesNotContain("hunter2");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "start",
                "stop",
                "restart",
                "env",
                "wait",
                "status",
                "snapshot",
                "batch",
                "batch cohort",
                "verify",
                "dead-letters"
            })
    void everyNewCommandShowsAnExampleInItsHelp(String command) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        CliRun r = run(Map.of(), args.toArray(String[]::new));

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Example").contains("rideops " + command);
    }

    @Test
    void aNativeKeyGivenWithSetIsShownWithItsFlag() throws Exception {
        CliRun r = run(Map.of(), "--set", "kafka.properties.num.partitions=3", "config", "show", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode natives = new ObjectMapper().readTree(r.out()).get("native");
        assertThat(natives.findValuesAsText("key")).containsExactly("kafka.properties.num.partitions");
        assertThat(natives.get(0).get("origin").asText()).isEqualTo("flag --set kafka.properties.num.partitions");
    }

    @Test
    void snapshotsOfAHomeWithoutOneAreListedEmptyAndAnUnknownOneIsNamed() throws Exception {
        CliRun list = run(Map.of(), "snapshot", "list", "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(new ObjectMapper().readTree(list.out()).isEmpty()).isTrue();

        CliRun load = run(Map.of(), "snapshot", "load", "city");
        assertThat(load.exitCode()).isEqualTo(1);
        assertThat(load.err().strip().lines()).last().asString().startsWith("rideops: no snapshot 'city' in ");

        CliRun save = run(Map.of(), "snapshot", "save", "city");
        assertThat(save.exitCode()).isEqualTo(1);
        assertThat(save.err()).contains("no stack state in").contains("rideops up");
    }
}
