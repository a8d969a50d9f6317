package dev.rideops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.scenarios.Profiles;
import dev.rideops.stack.HomeLock;
import dev.rideops.stack.secrets.Secrets;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliTest {

    private static final String[] CONTRACT_COMMANDS = {
        "preflight", "up", "down", "status", "logs", "alerts", "deploy", "generate", "verify", "bench", "chaos"
    };

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.run(Map.of("RIDEOPS_HOME", dir.resolve("home").toString()), dir, args);
    }

    @Test
    void helpListsEveryContractSubcommand() {
        CliRun r = run("--help");

        assertThat(r.exitCode()).isZero();
        for (String command : CONTRACT_COMMANDS) {
            assertThat(r.out()).containsPattern("(?m)^  " + command + " ");
        }
    }

    @Test
    void versionNamesRideopsAndTheServices() {
        CliRun r = run("--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("rideops ").contains("Kafka 4.1.2").contains("Flink 1.20.5");
    }

    @ParameterizedTest
    @CsvSource({
        "up, --volume",
        "up, --no-generate",
        "up, --brokers",
        "up, --history",
        "up, --time-scale",
        "generate, --time-scale",
        "generate, --ping-interval",
        "generate, --local-hour",
        "up, --local-hour",
        "bench, --local-hour",
        "down, --purge",
        "status, --json",
        "logs, --follow",
        "logs, --tail",
        "alerts, --json",
        "alerts, --history",
        "alerts, --since",
        "deploy, --offsets",
        "deploy, --only",
        "deploy, --dry-run",
        "generate, --mode",
        "generate, --eps",
        "generate, --duration",
        "generate, --seed",
        "generate, --scenario",
        "generate, --stream-max-inflight",
        "generate, --stream-new-booking-prob",
        "generate, --stream-driver-updates",
        "generate, --stream-sleep-min",
        "generate, --stream-sleep-max",
        "verify, --since",
        "verify, --all",
        "bench, --eps",
        "bench, --ramp",
        "bench, --find-max",
        "bench, --slo",
        "bench, --batch-cohort",
        "chaos, --list",
        "chaos, --eps",
        "preflight, --json",
        "deploy, --parallelism",
        "deploy, --job-arg",
        "job status, --json",
        "job list, --json",
        "job savepoint, --dir",
        "job stop, --drain",
        "job rescale, --parallelism",
        "job prune, --retain",
        "connector status, --json",
        "connector restart, --failed",
        "connector resnapshot, TABLE",
        "stop, --force",
        "wait, --for",
        "wait, --timeout",
        "env, --shell",
        "status, --watch",
        "status, --interval"
    })
    void subcommandHelpShowsItsRealOptions(String command, String option) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        CliRun r = run(args.toArray(String[]::new));

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(option);
    }

    @Test
    void unknownFlagIsAUsageErrorOnOneLine() {
        CliRun r = run("up", "--bogus");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("rideops: Unknown option: '--bogus'; see 'rideops up --help'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badEnumValueListsTheChoices() {
        CliRun r = run("up", "--volume", "huge");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("'huge' is not one of tiny, small, medium, large");
    }

    /**
     * generate's bad input is refused before it connects anywhere: one clear line, exit 2. (GenerateIT ran each
     * against a real source database, a CLI process of about 1.4 s apiece; it keeps the unreachable one.)
     */
    @Test
    void generatesBadInputIsAUsageErrorOnOneClearLine() {
        CliRun volume = run("generate", "--volume", "huge");
        assertThat(volume.exitCode()).isEqualTo(2);
        assertThat(volume.err()).contains("'huge' is not one of tiny, small, medium, large");

        CliRun scenario = run("generate", "--scenario", "tornado");
        assertThat(scenario.exitCode()).isEqualTo(2);
        assertThat(scenario.errLines())
                .singleElement()
                .asString()
                .contains("unknown scenario 'tornado'")
                .contains("bad-weather");

        CliRun prob = run("generate", "--stream-new-booking-prob", "1.5");
        assertThat(prob.exitCode()).isEqualTo(2);
        assertThat(prob.err()).contains("new_booking_prob must be between 0 and 1");

        CliRun negative = run("generate", "--eps", "-5");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.errLines()).singleElement().asString().contains("--eps must not be negative");
    }

    @Test
    void generateListsTheScenariosWithWhatTheyDo() {
        CliRun r = run("generate", "--list-scenarios");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("steady")
                .contains("surge")
                .contains("bad-weather")
                .contains("network-latency")
                .contains("hot cells");
    }

    @Test
    void badDurationIsAUsageError() {
        CliRun r = run("generate", "--duration", "soon");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'soon' is not a duration");
    }

    @Test
    void aTimeScaleBelowRealSpeedIsAUsageErrorOnOneLine() {
        CliRun generate = run("generate", "--time-scale", "0.5");
        CliRun up = run("up", "--time-scale", "0", "--no-generate");

        assertThat(generate.exitCode()).isEqualTo(2);
        assertThat(generate.errLines())
                .singleElement()
                .asString()
                .contains("--time-scale must be between 1 and 3600, was 0.5")
                .contains("rideops generate --help");
        assertThat(up.exitCode()).isEqualTo(2);
        assertThat(up.errLines()).singleElement().asString().contains("--time-scale must be between 1 and 3600");
    }

    @Test
    void aLocalHourThatIsNoHourIsAUsageErrorOnOneLine() {
        for (String command : new String[] {"generate", "up", "bench"}) {
            CliRun r = command.equals("bench")
                    ? run("bench", "--eps", "100", "--local-hour", "25")
                    : run(command, "--local-hour", "evening");

            assertThat(r.exitCode()).as(command).isEqualTo(2);
            assertThat(r.errLines())
                    .as(command)
                    .singleElement()
                    .asString()
                    .contains("--local-hour must be an hour from 0 to 23 or 'now'")
                    .contains("rideops " + command + " --help");
        }
    }

    @Test
    void badConfigValueIsAUsageErrorNamingItsOrigin() {
        CliRun r = CliRun.run(Map.of("RIDEOPS_FLINK_PORT", "99999"), dir, "config", "show");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines())
                .containsExactly("rideops: invalid value '99999' for flink.port "
                        + "(from env RIDEOPS_FLINK_PORT); expected a port number between 1 and 65535");
    }

    @Test
    void configShowMasksTheKafkaPasswordsAndNamesTheUsers() throws Exception {
        new Secrets(dir).store(Secrets.KAFKA_JOB, "kafka-job-s3cret");
        CliRun r = CliRun.run(
                Map.of("RIDEOPS_HOME", dir.toString(), "RIDEOPS_KAFKA_PASSWORD", "kafka-own-s3cret"),
                dir,
                "config",
                "show",
                "--json");

        assertThat(r.exitCode()).isZero();
        JsonNode settings = new ObjectMapper().readTree(r.out()).get("settings");
        assertThat(find(settings, "kafka.password").get("value").asText()).isEqualTo("****");
        assertThat(find(settings, "kafka.password").get("origin").asText()).isEqualTo("env RIDEOPS_KAFKA_PASSWORD");
        assertThat(find(settings, "kafka.job-password").get("value").asText()).isEqualTo("****");
        assertThat(find(settings, "kafka.job-password").get("origin").asText())
                .isEqualTo("secret " + dir.resolve("secrets/kafka-job"));
        assertThat(find(settings, "kafka.user").get("value").asText()).isEqualTo("rideops");
        assertThat(find(settings, "kafka.job-user").get("value").asText()).isEqualTo("rideops-job");
        assertThat(find(settings, "kafka.security-protocol").get("value").asText())
                .isEqualTo("SASL_PLAINTEXT");
        assertThat(r.out()).doesNotContain("kafka-job-s3cret").doesNotContain("kafka-own-s3cret");
    }

    @Test
    void configShowPrintsValuesWithTheirOriginAndMasksSecrets() throws Exception {
        new Secrets(dir).store(Secrets.SOURCE_WRITER, "generated-s3cret");
        CliRun r = CliRun.run(
                Map.of("RIDEOPS_HOME", dir.toString(), "RIDEOPS_KAFKA_PORT", "19092"),
                dir,
                "config",
                "show",
                "--json",
                "--set",
                "flink.port=18081");

        assertThat(r.exitCode()).isZero();
        JsonNode settings = new ObjectMapper().readTree(r.out()).get("settings");
        assertThat(find(settings, "kafka.port").get("value").asText()).isEqualTo("19092");
        assertThat(find(settings, "kafka.port").get("origin").asText()).isEqualTo("env RIDEOPS_KAFKA_PORT");
        assertThat(find(settings, "flink.port").get("origin").asText()).isEqualTo("flag --set flink.port");
        assertThat(find(settings, "source.password").get("value").asText()).isEqualTo("****");
        assertThat(find(settings, "source.password").get("origin").asText())
                .isEqualTo("secret " + dir.resolve("secrets/source-writer"));
        assertThat(find(settings, "reader.password").get("value").asText()).isEmpty();
        assertThat(find(settings, "reader.password").get("origin").asText()).isEqualTo("default");
        assertThat(find(settings, "source.port").get("origin").asText()).isEqualTo("default");
        assertThat(r.out()).doesNotContain("generated-s3cret");
        assertThat(dir.resolve("secrets/reader"))
                .as("only 'up' and the commands that need them generate secrets")
                .doesNotExist();
    }

    @Test
    void setBeforeAndAfterTheSubcommandBothCount() throws Exception {
        CliRun r = run("--set", "kafka.port=19093", "config", "show", "--json", "--set", "flink.port=18081");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode settings = new ObjectMapper().readTree(r.out()).get("settings");
        assertThat(find(settings, "kafka.port").get("value").asText()).isEqualTo("19093");
        assertThat(find(settings, "flink.port").get("value").asText()).isEqualTo("18081");
    }

    @Test
    void whileAnotherCommandChangesTheStackTheNextOneIsRefusedInOneLineAndReadersRun() throws Exception {
        Path home = dir.resolve("home");
        try (HomeLock held = HomeLock.acquire(home, "rideops up --volume large --set source.password=****")) {
            for (String args :
                    List.of("up", "down", "deploy", "chaos kill-broker", "generate --detach", "generate stop")) {
                CliRun r = run(args.split(" "));

                assertThat(r.exitCode()).as(args).isEqualTo(1);
                assertThat(r.errLines())
                        .as(args)
                        .singleElement()
                        .asString()
                        .matches("rideops: another rideops command is changing this stack: "
                                + Pattern.quote("'rideops up --volume large --set source.password=****' (pid "
                                        + ProcessHandle.current().pid() + ", since ")
                                + "[0-9: -]+\\); "
                                + Pattern.quote("wait for it to finish (or stop it), then run this command again"));
            }
            assertThat(run("config", "show").exitCode()).isZero();
            assertThat(run("chaos", "--list").exitCode()).isZero();
        }
    }

    @Test
    void chaosNamesItsFaultsAndRefusesWhatItCannotDo() throws Exception {
        CliRun list = run("chaos", "--list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out())
                .containsPattern("kill-broker +kafka-1 +SIGKILL +15s")
                .containsPattern("restart-connect +connect +SIGTERM +0s")
                .contains("kill-jobmanager");
        assertThat(list.out())
                .containsPattern("pause-broker +kafka-1 +SIGSTOP +20s +- ")
                .containsPattern("restart-reporting-db +reporting-db +SIGTERM")
                .containsPattern("schema-add-column +source-db +DDL +30s +keeps-going, reverted");
        assertThat(new ObjectMapper().readTree(run("chaos", "--list", "--json").out()))
                .hasSize(Profiles.FAULTS.size());

        CliRun none = run("chaos");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.errLines())
                .singleElement()
                .asString()
                .startsWith("rideops: chaos needs a fault: one of " + "kill-broker, kill-taskmanager");

        CliRun unknown = run("chaos", "kill-everything");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown fault 'kill-everything'");

        CliRun notRunning = run("chaos", "kill-broker");
        assertThat(notRunning.exitCode()).isEqualTo(1);
        assertThat(notRunning.errLines())
                .singleElement()
                .asString()
                .isEqualTo("rideops: kafka-1 is not running, so there is nothing to break; start the stack with "
                        + "'rideops up'");

        // under load, the same checks come first: nothing is touched, not even the background generator
        CliRun loaded = run("chaos", "pause-broker", "--eps", "500");
        assertThat(loaded.exitCode()).isEqualTo(1);
        assertThat(loaded.errLines())
                .singleElement()
                .asString()
                .startsWith("rideops: kafka-1 is not running, so there is nothing to break");

        CliRun noRate = run("chaos", "pause-broker", "--eps", "0");
        assertThat(noRate.exitCode()).isEqualTo(2);
        assertThat(noRate.errLines()).singleElement().asString().startsWith("rideops: --eps must be a positive rate");

        CliRun secondBroker = run("chaos", writeFault("kill-broker-2", "service: kafka-2\naction: kill\n"), "--eps");
        assertThat(secondBroker.exitCode()).isEqualTo(2);
        assertThat(secondBroker.errLines())
                .singleElement()
                .asString()
                .isEqualTo("rideops: fault 'kill-broker-2' hits kafka-2, which this stack does not have; see "
                        + "'rideops status' for the services it runs");
    }

    @Test
    void theSuiteRefusesAStackOfTheWrongSizeAndABadBrokerCountInOneLine() {
        CliRun wrongSize = run("chaos", "suite", "--brokers", "3");
        assertThat(wrongSize.exitCode()).isEqualTo(1);
        assertThat(wrongSize.errLines())
                .singleElement()
                .asString()
                .isEqualTo("rideops: the suite is for 3 broker(s), but this stack runs 1; start it with "
                        + "'rideops down && rideops up --brokers 3', or leave out --brokers");

        CliRun two = run("chaos", "suite", "--brokers", "2");
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.errLines()).singleElement().asString().startsWith("rideops: --brokers must be 1 or 3");

        CliRun unknown = run("chaos", "suite", "--faults", "kill-everything,kill-broker");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines()).singleElement().asString().contains("unknown fault 'kill-everything'");
    }

    private String writeFault(String name, String yaml) throws Exception {
        return Files.writeString(dir.resolve(name + ".yaml"), yaml).toString();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "bench|bench needs a rate: --eps N, --ramp FROM:TO:STEP, --find-max or --workload NAME",
                "bench --ramp 5000:1000:1000|--ramp needs 0 < FROM <= TO and STEP > 0",
                "bench --workload nope|unknown workload 'nope'; known: sustained-5k, ramp-1k-5k, smoke",
                "bench --eps 100 --volume huge|unknown volume 'huge'",
                "bench --eps 100 --batch-cohort nope|--batch-cohort 'nope' is not a day",
                "bench --ramp 1000:2000:1000 --batch-cohort|--batch-cohort measures the batch under one rate",
                "bench --eps 100 --duration 20s --batch-cohort|--duration 20s is too short to measure around",
                "bench --eps 100 --batch-cohort 2999-01-01|2999-01-01 is in the future",
            })
    void benchRefusesAPlanItCannotRunWithExitCode2(String args, String message) {
        CliRun r = run(args.split(" "));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("rideops: " + message);
    }

    @Test
    void verifyWithoutServicesSaysWhichOneIsMissing() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        CliRun r = run("verify", "--set", "source.port=" + port);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines())
                .last()
                .asString()
                .startsWith("rideops: cannot connect to the source database")
                .contains("start the stack with 'rideops up'");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void benchCompareDividesEachFigureOfBByA() throws Exception {
        java.nio.file.Files.writeString(
                dir.resolve("a.json"),
                "{\"target_eps\":5000,\"achieved_eps\":5000,"
                        + "\"latency_ms\":{\"snapshot\":{\"p99\":800},\"search\":{\"p99\":2000}},\"max_consumer_lag\":100}");
        java.nio.file.Files.writeString(
                dir.resolve("b.json"),
                "{\"target_eps\":5000,\"achieved_eps\":4990,"
                        + "\"latency_ms\":{\"snapshot\":{\"p99\":400},\"search\":{\"p99\":2500}},\"max_consumer_lag\":100}");

        CliRun r = run(
                "bench",
                "compare",
                dir.resolve("a.json").toString(),
                dir.resolve("b.json").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .containsPattern("snapshot p99 ms +800.0 +400.0 +0.500x")
                .containsPattern("search p99 ms +2000.0 +2500.0 +1.250x")
                .containsPattern("achieved eps +5000.0 +4990.0 +0.998x")
                .containsPattern("snapshot p50 ms +- +- +-");
    }

    @Test
    void benchCompareFailsOnARegressionBeyondItsGateAndNamesIt() throws Exception {
        java.nio.file.Files.writeString(
                dir.resolve("a.json"),
                "{\"achieved_eps\":5000,\"latency_ms\":{\"snapshot\":{\"p50\":450,\"p99\":800}}}");
        java.nio.file.Files.writeString(
                dir.resolve("b.json"),
                "{\"achieved_eps\":4990,\"latency_ms\":{\"snapshot\":{\"p50\":460,\"p99\":1000}}}");
        String a = dir.resolve("a.json").toString();
        String b = dir.resolve("b.json").toString();

        CliRun regressed =
                run("bench", "compare", a, b, "--fail-if", "p99=+10%", "--fail-if", "achieved_eps=-2%", "--json");
        CliRun within = run("bench", "compare", a, b, "--fail-if", "p50=+5%");

        assertThat(regressed.exitCode()).as(regressed.err()).isEqualTo(1);
        assertThat(regressed.errLines())
                .singleElement()
                .isEqualTo("rideops: B regressed beyond --fail-if: p99 800 -> 1000 (+25.0 %, limit +10 %)");
        assertThat(new ObjectMapper().readTree(regressed.out()).get("regressions"))
                .hasSize(1);
        assertThat(within.exitCode()).as(within.err()).isZero();
    }

    @Test
    void aBadCompareGateIsAUsageError() {
        CliRun r = run("bench", "compare", "a", "b", "--fail-if", "achieved_eps=+5%");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .startsWith("rideops: Invalid value for option '--fail-if'")
                .contains("achieved_eps gets worse as it falls; write achieved_eps=-5%");
    }

    @Test
    void preflightNamesTheProcessHoldingABusyPort() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            CliRun r = run("preflight", "--json", "--brokers", "1", "--set", "source.port=" + port);

            assertThat(r.exitCode()).isEqualTo(1);
            JsonNode report = new ObjectMapper().readTree(r.out());
            assertThat(report.get("passed").asBoolean()).isFalse();
            JsonNode check = find(report.get("checks"), Integer.toString(port), "name");
            assertThat(check.get("status").asText()).isEqualTo("FAIL");
            assertThat(check.get("detail").asText())
                    .contains("pid " + ProcessHandle.current().pid())
                    .contains("source-db");
            assertThat(check.get("fix").asText()).contains("--set source.port=");
        }
    }

    @Test
    void preflightTableHasAFixColumnAndAVerdict() {
        CliRun r = run("preflight", "--brokers", "1");

        assertThat(r.out()).contains("CHECK").contains("STATUS").contains("FIX").contains("ports/5432");
        assertThat(r.out()).containsPattern("preflight (passed|failed)");
    }

    @Test
    void completionScriptsComeFromTheCommandModel() {
        CliRun bash = run("completion", "bash");
        CliRun zsh = run("completion", "zsh");

        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out())
                .contains("complete -F")
                .contains("--stream-max-inflight")
                .contains("kill-broker")
                .contains("resnapshot")
                .contains("driver_location_events");
        assertThat(zsh.out()).contains("bashcompinit").contains("--stream-max-inflight");
    }

    private static JsonNode find(JsonNode array, String key) {
        return find(array, key, "key");
    }

    private static JsonNode find(JsonNode array, String value, String field) {
        for (JsonNode n : array) {
            if (n.get(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError(field + "=" + value + " not found in " + array);
    }

    @Test
    void statusJsonShowsEachServicesDiskAndTheFreeSpaceOfTheHome() throws Exception {
        CliRun r = run("status", "--json");

        JsonNode status = new ObjectMapper().readTree(r.out());
        // nothing was ever started in this home: every service uses nothing yet
        assertThat(status.get("services")).isNotEmpty().allSatisfy(s -> {
            assertThat(s.get("disk_bytes").isIntegralNumber()).isTrue();
            assertThat(s.get("disk_bytes").asLong()).isZero();
        });
        JsonNode disk = status.get("disk");
        assertThat(disk.get("free_bytes").asLong()).isPositive();
        assertThat(disk.get("total_bytes").asLong())
                .isGreaterThanOrEqualTo(disk.get("free_bytes").asLong());
        assertThat(disk.get("min_free_bytes").asLong()).isEqualTo(2L << 30);
        assertThat(disk.has("flink_bytes")).isTrue();
        assertThat(disk.has("warning")).isTrue();
    }

    @Test
    void statusWarnsWhenLessThanDiskMinFreeIsFreeButDoesNotFailForIt() throws Exception {
        CliRun r = run("status", "--json", "--set", "disk.min-free=999999g");

        JsonNode disk = new ObjectMapper().readTree(r.out()).get("disk");
        assertThat(disk.get("warning").asText()).startsWith("only ").contains("(disk.min-free is 999999.0 GiB)");
        assertThat(r.errLines())
                .anySatisfy(line ->
                        assertThat(line).startsWith("rideops: warning: only ").contains("kafka.retention-bytes"));
        // every service is down in an empty home: that, not the disk, is the failure
        assertThat(r.exitCode()).isEqualTo(1);

        CliRun table = run("status", "--set", "disk.min-free=999999g");
        assertThat(table.out()).contains("DISK").containsPattern("disk: .* free of .* under ");
    }

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    @Test
    void jobAndConnectorHelpShowAnExampleAndListTheirSubcommands() {
        CliRun job = run("job", "--help");
        CliRun connector = run("connector", "--help");

        assertThat(job.exitCode()).isZero();
        assertThat(job.out())
                .contains("Examples:")
                .contains("rideops job rescale --parallelism 2")
                .containsPattern("(?m)^  (status|list|savepoint|cancel|stop|rescale|prune) ");
        for (String sub : List.of("status", "list", "savepoint", "cancel", "stop", "rescale", "prune")) {
            assertThat(job.out()).containsPattern("(?m)^  " + sub + " ");
        }
        for (String sub : List.of("status", "restart", "pause", "resume", "resnapshot")) {
            assertThat(connector.out()).containsPattern("(?m)^  " + sub + " ");
        }
        assertThat(run("job", "savepoint", "--help").out()).contains("Example:").contains("rideops job savepoint");
    }

    @Test
    void jobSavepointWithoutFlinkSaysSoInOneLine() throws Exception {
        int port = freePort();
        CliRun r = run("job", "savepoint", "--set", "flink.url=http://127.0.0.1:" + port);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .isEqualTo("rideops: Flink REST is not reachable at http://127.0.0.1:" + port
                        + "; start the local stack with 'rideops up --no-generate', or set its URL in config to one "
                        + "that runs");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theLocalFlinkWithoutItsClientCertificateSaysWhereItComesFromInOneLine() throws Exception {
        int port = freePort();
        CliRun r = run("job", "savepoint", "--set", "flink.port=" + port);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .startsWith("rideops: Flink REST: the client keystore ")
                .contains("secrets/flink-rest-client.p12 does not exist; 'rideops up' creates the local Flink REST "
                        + "certificates");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void connectorStatusWithoutConnectSaysSoInOneLine() throws Exception {
        int port = freePort();
        CliRun r = run("connector", "status", "--json", "--set", "connect.port=" + port);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .startsWith("rideops: Kafka Connect is not reachable at http://127.0.0.1:" + port + ";");
    }

    @Test
    void rescaleNeedsAParallelismOfAtLeastOne() {
        CliRun missing = run("job", "rescale");
        CliRun zero = run("job", "rescale", "--parallelism", "0");
        CliRun deployZero = run("deploy", "--parallelism", "0", "--dry-run");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).singleElement().asString().contains("--parallelism");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.errLines())
                .singleElement()
                .isEqualTo("rideops: --parallelism must be at least 1, not 0; e.g. --parallelism 2");
        assertThat(deployZero.exitCode()).isEqualTo(2);
    }

    @Test
    void deployOnlyKibanaWithoutAKibanaUrlIsAUsageError() {
        CliRun r = run("deploy", "--only", "kibana");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines())
                .singleElement()
                .isEqualTo("rideops: --only kibana needs a Kibana, and search.kibana-url is not set; set it, e.g. "
                        + "--set search.kibana-url=http://localhost:5601");
    }

    /** The Kibana step needs no job jar (none is built in this test's home) and is named in --json. */
    @Test
    void deployDryRunNamesTheKibanaStepInJson() throws Exception {
        CliRun r = run(
                "deploy",
                "--dry-run",
                "--only",
                "kibana",
                "--set",
                "search.kibana-url=http://localhost:5601",
                "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(r.out())
                        .path("kibana")
                        .asText())
                .startsWith("would import ")
                .endsWith("into Kibana at http://localhost:5601");
    }

    @Test
    void deployDryRunNamesTheParallelismItWouldRunAt() throws Exception {
        Path jar = java.nio.file.Files.writeString(dir.resolve("job.jar"), "x");
        CliRun r = run(
                "deploy",
                "--dry-run",
                "--only",
                "job",
                "--jar",
                jar.toString(),
                "--parallelism",
                "3",
                "--job-arg",
                "checkpoint-interval-ms=5000");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("would run job.jar").contains("parallelism 3");
    }

    @Test
    void deployRefusesAJobArgumentTheJobDoesNotRead() {
        CliRun unknown = run("deploy", "--dry-run", "--job-arg", "checkpoint-every=5000");
        CliRun noValue = run("deploy", "--dry-run", "--job-arg", "checkpoint-interval-ms");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines())
                .singleElement()
                .asString()
                .startsWith("rideops: unknown job argument 'checkpoint-every'")
                .contains("checkpoint-interval-ms");
        assertThat(noValue.exitCode()).isEqualTo(2);
        assertThat(noValue.errLines()).singleElement().asString().contains("has no value");
    }

    @Test
    void resnapshotRefusesATableTheConnectorDoesNotCaptureBeforeCallingAnything() {
        CliRun r = run("connector", "resnapshot", "bookings", "invoices");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .startsWith("rideops: 'invoices' is not a table the connector captures; name one of riders, drivers");
    }

    @Test
    void pruneRefusesToKeepNothing() {
        CliRun r = run("job", "prune", "--retain", "0");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .contains("flink.retain")
                .contains("at least 1");
    }

    @Test
    void statusJsonCountsTheRetainedFlinkState() throws Exception {
        Path flink = dir.resolve("home/flink");
        java.nio.file.Files.createDirectories(flink.resolve("savepoints/savepoint-1"));
        java.nio.file.Files.writeString(flink.resolve("savepoints/savepoint-1/_metadata"), "x".repeat(5000));
        java.nio.file.Files.createDirectories(flink.resolve("checkpoints/abc/chk-1"));
        java.nio.file.Files.writeString(flink.resolve("checkpoints/abc/chk-1/_metadata"), "x");
        java.nio.file.Files.createDirectories(flink.resolve("checkpoints/abc/chk-2"));
        java.nio.file.Files.writeString(flink.resolve("checkpoints/abc/chk-2/_metadata"), "x");

        CliRun r = run("status", "--json");

        JsonNode retained = new ObjectMapper().readTree(r.out()).get("flink_retained");
        assertThat(retained.get("checkpoints").get("count").asInt()).isEqualTo(2);
        assertThat(retained.get("savepoints").get("count").asInt()).isEqualTo(1);
        assertThat(retained.get("savepoints").get("bytes").asLong()).isPositive();
        assertThat(retained.get("jars").get("count").asInt()).isZero();
    }
}
