package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rideops.cli.exporter.PipelineMetrics;
import dev.rideops.clients.Poll;
import dev.rideops.clients.http.BasicAuth;
import dev.rideops.clients.kafka.KafkaAdmins;
import dev.rideops.contract.CdcContract;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.os.Executables;
import dev.rideops.stack.services.AlertmanagerService;
import dev.rideops.stack.services.PrometheusService;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alerts end to end on the run's shared stack ({@link SharedTinyStack}): the pipeline
 * exporter serves the mart's figures, the local Prometheus scrapes it and evaluates the shipped rules, and (with
 * {@code -Plong}: each waits out minutes of {@code for:}) real faults fire their alerts in
 * {@code rideops alerts --json}, which resolve after recovery. The rate windows and Prometheus's interval are shortened
 * through their settings (2 minutes recent, 5 baseline; scrapes and rule evaluations every 8 s, not 15); the rules'
 * own {@code for:} are the shipped ones. Needs Debian's prometheus: without
 * it the class is skipped, and fails under CI=true.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedTinyStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Path home;
    private Rideops rideops;

    @BeforeAll
    void checkPrometheus() {
        boolean installed = Executables.fromEnvironment()
                .findAny(PrometheusService.BINARIES)
                .isPresent();
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("prometheus is not installed, so the alerts cannot be tested: apt-get install prometheus");
        }
        assumeTrue(installed, "prometheus is not installed");
        home = SharedTinyStack.get().home();
        rideops = SharedTinyStack.get().rideops();
        assertThat(SharedTinyStack.get().up().err()).containsPattern("exporter +healthy in");
    }

    @Test
    @Order(1)
    void theExporterServesThePipelinesFiguresAndPrometheusScrapesThem() throws Exception {
        String metrics = await(
                "the exporter's figures of a flowing pipeline",
                Duration.ofSeconds(120),
                () -> get("http://127.0.0.1:" + rideops.exporterPort() + "/metrics", rideops.exporterLogin()),
                text -> text.contains("rideops_match_rate ")
                        && text.contains("rideops_mart_age_seconds{table=\"cell_supply_demand\"}"));
        assertThat(metrics)
                .contains("rideops_exporter_source_up{source=\"mart\"} 1")
                .contains("rideops_exporter_source_up{source=\"kafka\"} 1")
                .contains("rideops_exporter_source_up{source=\"disk\"} 1")
                .contains("rideops_exporter_source_up{source=\"connect\"} 1")
                .contains(
                        "rideops_connector_task_running{connector=\"" + CdcContract.CONNECTOR_NAME + "\",task=\"0\"} 1")
                .contains(
                        "rideops_connector_task_failed{connector=\"" + CdcContract.CONNECTOR_NAME + "\",task=\"0\"} 0")
                .contains("rideops_mart_age_seconds{table=\"latest_metric_snapshot\"}")
                .contains("rideops_mart_max_age_seconds 30")
                .contains("rideops_dead_letter_records{topic=\"rideops.dlq\"}")
                .contains("rideops_disk_free_bytes{path=\"" + home + "\"}")
                .contains("rideops_kpi_window_seconds{window=\"recent\"} 120")
                // the source database as the read-only role (pg_monitor), and the local services' processes
                .contains("rideops_exporter_source_up{source=\"source\"} 1")
                .contains("rideops_exporter_source_up{source=\"processes\"} 1")
                .contains("rideops_cdc_slot_lag_bytes{slot=\"" + CdcContract.SLOT + "\"}")
                .contains("rideops_cdc_slot_active{slot=\"" + CdcContract.SLOT + "\"} 1")
                .contains(PipelineMetrics.ROW_CHANGES + "_total{table=\"public.bookings\"}")
                .contains("rideops_consumer_lag_seconds{topic=\"")
                .contains("rideops_kpi_last_minute{kpi=\"rides_requested\"}")
                .contains("rideops_kpi_last_minute{kpi=\"gmv\"}")
                .contains("rideops_service_rss_bytes{service=\"prometheus\"}")
                .contains("rideops_service_rss_bytes{service=\"exporter\"}");

        // the exporter asks for basic auth; Prometheus's series below prove its scrape sends it
        assertThat(HTTP.send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + rideops.exporterPort() + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(401);
        await(
                "Prometheus holding the exporter's series",
                Duration.ofSeconds(90),
                () -> query("rideops_mart_age_seconds"),
                result -> result.at("/data/result").size() == 3);
        // the job's own metrics through Flink's reporter: emits per KPI and the search sink's bulk round trip
        await(
                "Prometheus holding the job's emit counts per KPI",
                Duration.ofSeconds(90),
                () -> query("flink_taskmanager_job_task_operator_kpi_rideops_kpi_emits{kpi=\"rides_requested\"}"),
                result -> result.at("/data/result").size() > 0);
        await(
                "Prometheus holding the search sink's last bulk duration",
                Duration.ofSeconds(90),
                () -> query("flink_taskmanager_job_task_operator_rideops_search_bulk_ms >= 0"),
                result -> result.at("/data/result").size() > 0);

        // status shows the connector's initial snapshot from Debezium's series (the JMX agents' test below)
        awaitTheConnectorsSnapshotEnded();
        // status reads the lag's age as the exporter does (one computation): a flowing job's is seconds, not minutes
        JsonNode status = await(
                "status --json with the lag's age",
                Duration.ofSeconds(60),
                () -> rideops.run("status", "--json").json(),
                r -> r.path("pipeline").path("lag_seconds").isNumber());
        assertThat(status.get("pipeline").get("lag_seconds").asDouble()).isBetween(0.0, 300.0);
        // and lists the exporter with its port (the same status: each is a CLI run of about 6 s)
        JsonNode exporter = null;
        for (JsonNode s : status.get("services")) {
            if (s.get("service").asText().equals("exporter")) {
                exporter = s;
            }
        }
        assertThat(exporter).as("exporter in status").isNotNull();
        assertThat(exporter.get("state").asText()).isEqualTo("healthy");
        assertThat(exporter.get("port").asInt()).isEqualTo(rideops.exporterPort());
        // the same status for the snapshot (a status of its own in the JMX agents' test was 8 s)
        assertThat(status.at("/pipeline/signals/connector_snapshot/state").asText())
                .isIn("completed", "skipped");
        // and its table, with the DISK section (StackIT read both from a status of its own, 6 s)
        assertThat(rideops.run("status").out())
                .contains("PIPELINE")
                .containsPattern("oldest waiting +\\S+")
                .contains("DISK")
                .containsPattern("disk: .* free of .* under ");
    }

    /**
     * The connector's initial snapshot ended, as Debezium's series in Prometheus say (skipped: Connect restarted since,
     * its offsets hold one).
     */
    private void awaitTheConnectorsSnapshotEnded() throws Exception {
        await(
                "Debezium's snapshot ended",
                Duration.ofSeconds(90),
                () -> query("debezium_postgres_snapshot_completed{job=\"connect\",server=\"" + CdcContract.TOPIC_PREFIX
                        + "\"} == 1 or debezium_postgres_snapshot_skipped{job=\"connect\",server=\""
                        + CdcContract.TOPIC_PREFIX + "\"} == 1"),
                result -> result.at("/data/result").size() > 0);
    }

    /**
     * The JMX exporter agents in the broker, Connect and the search node: each is a healthy target of its job in
     * Prometheus, labelled with its service (so Prometheus's scrape sends the agents' login), their series have values
     * (a CDC topic's messages in, Debezium's lag behind the source, each JVM's heap), and no agent answers without the
     * login or with a wrong one.
     */
    @Test
    @Order(1)
    void theJvmServicesJmxAgentsAreScrapedWithTheirLoginAndAnswerNoOneElse() throws Exception {
        Map<String, Integer> agents = new LinkedHashMap<>();
        agents.put("kafka-1", rideops.jmxPort());
        agents.put("connect", rideops.jmxPort() + 3);
        agents.put("search", rideops.jmxPort() + 4);
        Map<String, String> jobs = Map.of("kafka-1", "kafka", "connect", "connect", "search", "search");

        JsonNode targets = await(
                "every JMX agent up in Prometheus",
                Duration.ofSeconds(120),
                () -> JSON.readTree(
                                get("http://127.0.0.1:" + rideops.prometheusPort() + "/api/v1/targets?state=active"))
                        .at("/data/activeTargets"),
                active -> agents.keySet().stream().allMatch(service -> {
                    for (JsonNode t : active) {
                        if (service.equals(t.at("/labels/service").asText())) {
                            return t.path("health").asText().equals("up");
                        }
                    }
                    return false;
                }));
        for (JsonNode t : targets) {
            String service = t.at("/labels/service").asText();
            if (agents.containsKey(service)) {
                assertThat(t.at("/labels/job").asText()).as(service).isEqualTo(jobs.get(service));
                assertThat(t.at("/labels/instance").asText()).isEqualTo("127.0.0.1:" + agents.get(service));
            }
        }

        await(
                "Kafka's messages-in counter of a CDC topic",
                Duration.ofSeconds(90),
                () -> query("kafka_server_messages_in_total{job=\"kafka\",service=\"kafka-1\",topic=~\""
                        + CdcContract.TOPIC_PREFIX + "[.]public[.].+\"} > 0"),
                result -> result.at("/data/result").size() > 0);
        JsonNode behind = await(
                "Debezium's lag behind the source",
                Duration.ofSeconds(90),
                () -> query("debezium_postgres_behind_source_seconds{job=\"connect\",server=\""
                        + CdcContract.TOPIC_PREFIX + "\"}"),
                result -> result.at("/data/result").size() > 0);
        // streaming for a while under the generator's load: well below a minute, and past the -0.001 of no event yet
        assertThat(behind.at("/data/result/0/value/1").asDouble()).isBetween(0.0, 60.0);
        // the connector's initial snapshot ended (status shows it from these series: the exporter's test above)
        awaitTheConnectorsSnapshotEnded();
        for (String job : List.of("kafka", "connect", "search")) {
            await(
                    "the " + job + " JVM's heap",
                    Duration.ofSeconds(60),
                    () -> query("jvm_memory_used_bytes{job=\"" + job + "\",area=\"heap\"} > 0"),
                    result -> result.at("/data/result").size() == 1);
        }

        for (Map.Entry<String, Integer> agent : agents.entrySet()) {
            String url = "http://127.0.0.1:" + agent.getValue() + "/metrics";
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .as("anonymous GET of " + agent.getKey() + "'s agent")
                    .isEqualTo(401);
            BasicAuth wrong =
                    new BasicAuth("prometheus", "not-" + rideops.jmxLogin().password());
            assertThat(HTTP.send(
                                    HttpRequest.newBuilder(URI.create(url))
                                            .header("Authorization", wrong.header())
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .as("wrong login at " + agent.getKey() + "'s agent")
                    .isEqualTo(401);
            assertThat(get(url, rideops.jmxLogin())).contains("jvm_memory_used_bytes");
        }
    }

    /**
     * The shipped rules as the stack's Prometheus runs them: every alert of the rules file loaded, the stale-mart rule
     * evaluated without an error, and the local Alertmanager its alerts' target when one runs. A real fault firing
     * one waits out minutes of {@code for:}: that is the tests below, in {@code -Plong}.
     */
    @Test
    @Order(1)
    void prometheusEvaluatesTheShippedRulesAndSendsToTheLocalAlertmanager() throws Exception {
        List<String> shipped = new ArrayList<>();
        new ObjectMapper(new YAMLFactory())
                .readTree(RuntimeLayout.locate().alertRules().toFile())
                .path("groups")
                .forEach(g -> g.path("rules").forEach(r -> {
                    if (r.has("alert")) {
                        shipped.add(r.get("alert").asText());
                    }
                }));
        assertThat(shipped).contains("RideopsMartStale");
        String prometheus = "http://127.0.0.1:" + rideops.prometheusPort();
        // each rule's health is "unknown" until its first evaluation (every 8 s here)
        Map<String, String> health = await(
                "the stale-mart rule evaluated",
                Duration.ofSeconds(60),
                () -> alertingRulesHealth(JSON.readTree(get(prometheus + "/api/v1/rules"))),
                h -> !"unknown".equals(h.getOrDefault("RideopsMartStale", "unknown")));
        assertThat(health.keySet()).containsExactlyInAnyOrderElementsOf(shipped);
        assertThat(health.get("RideopsMartStale")).isEqualTo("ok");

        if (Executables.fromEnvironment().findAny(AlertmanagerService.BINARIES).isPresent()) {
            JsonNode active = await(
                    "Prometheus's Alertmanager",
                    Duration.ofSeconds(60),
                    () -> JSON.readTree(get(prometheus + "/api/v1/alertmanagers"))
                            .at("/data/activeAlertmanagers"),
                    a -> !a.isEmpty());
            assertThat(active.findValuesAsText("url"))
                    .anyMatch(url -> url.contains("//127.0.0.1:" + rideops.alertmanagerPort() + "/"));
        }
    }

    /** Each alerting rule Prometheus has loaded, by name, with its health: ok, err or unknown. */
    private static Map<String, String> alertingRulesHealth(JsonNode rulesApi) {
        Map<String, String> health = new LinkedHashMap<>();
        for (JsonNode group : rulesApi.at("/data/groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.path("type").asText().equals("alerting")) {
                    health.put(rule.path("name").asText(), rule.path("health").asText());
                }
            }
        }
        return health;
    }

    /**
     * In {@code -Plong} (about 2 minutes of a quiet source, proving a negative): the promtool cases show the rule not
     * even pending on a quiet source; this shows it on the real exporter and Prometheus, and status agreeing.
     */
    @Test
    @Order(2)
    @Tag("long")
    void aQuietSourceDoesNotFireMartStale() throws Exception {
        assertThat(rideops.runOk("generate", "stop").out()).contains("generator stopped");

        // half a minute past the old rule's firing, which is also past the limit + 1m the rule asks of the age
        String pastTheOldRule = "rideops_mart_age_seconds{table=\"latest_metric_snapshot\"}"
                + " > on (job, instance) group_left () (rideops_mart_max_age_seconds + 90)";
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (query(pastTheOldRule).at("/data/result").isEmpty()) {
            assertThat(System.nanoTime())
                    .as("the snapshot's age past the old rule's limit and for: within 4 minutes")
                    .isLessThan(deadline);
            // firing, not pending: the promtool cases show it not even pending; here the snapshot's newest change
            // may trail the source's last by some seconds, which the rule's for: rides out
            assertThat(has(prometheusAlertsAsTheCommandShows(), "RideopsMartStale", "firing"))
                    .as("RideopsMartStale firing while the source is quiet")
                    .isFalse();
            Thread.sleep(1_000);
        }
        JsonNode changes = query("sum(increase(" + PipelineMetrics.ROW_CHANGES + "_total[1m]))");
        assertThat(changes.at("/data/result").size())
                .as("the source's row changes in Prometheus")
                .isEqualTo(1);
        assertThat(changes.at("/data/result/0/value/1").asDouble())
                .as("row changes counted in the last minute of a quiet source")
                .isZero();
        JsonNode freshness = rideops.run("status", "--json").json().at("/pipeline/freshness_seconds");
        assertThat(freshness.isNumber())
                .as("status's snapshot freshness: " + freshness)
                .isTrue();
        assertThat(freshness.asDouble())
                .as("status agrees: the snapshot holds the source's newest change")
                .isLessThanOrEqualTo(30.0);
        // the next tests start their own generator
    }

    /**
     * Stale means behind a source that moves on: a paused CDC connector with the generator writing makes the mart
     * really stale: it fires, {@code alerts} exits 1 naming it, resuming resolves it, and the history has it (from
     * the Alertmanager webhook's log when Alertmanager runs). The connector is resumed whatever happens, and the
     * pipeline waited for: the next tests need it flowing. A quiet source not firing it is the test before.
     *
     * <p>In {@code -Plong} (about 2.5 minutes: the limit, the rule's minute of changes and its {@code for:}, then the
     * recovery). In the default run, this rule firing and resolving on its series is a {@code promtool} case
     * (monitoring/rules/rideops.rules.test.yml, in the monitoring module's build), {@code alerts} exiting 1 on a
     * firing alert and {@code --history} from the Alertmanager log are {@code AlertsCommandTest}'s, the webhook
     * writing that log {@code AlertmanagerWebhookTest}'s, and the stack's Prometheus evaluating the shipped rules and
     * sending to the local Alertmanager the test above; what only this covers is a real fault firing through all of
     * them.
     */
    @Test
    @Order(3)
    @Tag("long")
    void aMartBehindAMovingSourceFiresMartStaleAndItsRecoveryResolvesIt() throws Exception {
        rideops.runOk("generate", "stop");
        Rideops.Result exitCode;
        rideops.runOk("connector", "pause");
        try {
            rideops.runOk("generate", "--detach", "--volume", "tiny", "--time-scale", "12", "--local-hour", "18");
            JsonNode firing = awaitAlerts(
                    "RideopsMartStale firing",
                    Duration.ofMinutes(4),
                    alerts -> has(alerts, "RideopsMartStale", "firing"));
            assertThat(firing.get("firing").asLong()).isPositive();
            assertThat(query("sum(increase(" + PipelineMetrics.ROW_CHANGES + "_total[1m]))")
                            .at("/data/result/0/value/1")
                            .asDouble())
                    .as("the source's row changes the exporter counts, what tells stale from quiet")
                    .isPositive();
            exitCode = rideops.run("alerts");
        } finally {
            rideops.runOk("connector", "resume");
        }
        assertThat(exitCode.code()).as("alerts exits 1 while one fires").isEqualTo(1);
        assertThat(exitCode.out()).contains("RideopsMartStale").contains("rideops connector status");

        awaitAlerts(
                "RideopsMartStale resolved",
                Duration.ofMinutes(3),
                alerts -> !has(alerts, "RideopsMartStale", "firing") && !has(alerts, "RideopsMartStale", "pending"));
        rideops.runOk("wait", "--for", "pipeline", "--timeout", "3m");

        JsonNode history =
                rideops.runOk("alerts", "--history", "--since", "30m", "--json").json();
        assertThat(history.get("periods").findValuesAsText("alert")).contains("RideopsMartStale");
        // with a local Alertmanager its webhook has logged the alert by now (group_wait 10 s), and the log is read
        boolean alertmanager = Executables.fromEnvironment()
                .findAny(AlertmanagerService.BINARIES)
                .isPresent();
        assertThat(history.get("source").asText())
                .as("the history's source")
                .isEqualTo(alertmanager ? "alertmanager-log" : "prometheus");
    }

    /**
     * The drivers-offline scenario: drivers leave much faster than riders stop asking, so the match rate of the recent
     * window falls below 80% of its baseline; back to a steady day, it recovers. It plays the {@code small} city: the
     * rule ignores windows of fewer than 20 requests, and {@code tiny} asks for about 8 in five minutes of the evening.
     */
    @Test
    @Order(4)
    @Tag("long") // about 7 minutes: the rate rule needs a baseline window, then its own for:
    void driversGoingOfflineFireMatchRateFallingAndItResolvesWhenTheyReturn() throws Exception {
        rideops.runOk("generate", "stop");
        rideops.runOk(
                "generate",
                "--detach",
                "--volume",
                "small",
                "--time-scale",
                "12",
                "--local-hour",
                "18",
                "--scenario",
                "drivers-offline");
        try {
            awaitAlerts(
                    "RideopsMatchRateFalling firing",
                    Duration.ofMinutes(8),
                    alerts -> has(alerts, "RideopsMatchRateFalling", "firing"));

            rideops.runOk("generate", "stop");
            rideops.runOk("generate", "--detach", "--volume", "small", "--time-scale", "12", "--local-hour", "18");
            awaitAlerts(
                    "RideopsMatchRateFalling resolved",
                    Duration.ofMinutes(8),
                    alerts -> !has(alerts, "RideopsMatchRateFalling", "firing"));
        } finally {
            rideops.runOk("generate", "stop");
            rideops.runOk("generate", "--detach", "--volume", "tiny", "--time-scale", "12", "--local-hour", "18");
        }
    }

    /**
     * A SIGKILLed TaskManager: the job fails over to its checkpoint, Flink counts a restart, and
     * {@code RideopsJobRestarting} fires (its for: is a minute) and shows in {@code status}; it resolves once no
     * restart is left in the rule's 10-minute window.
     */
    @Test
    @Order(5)
    @Tag("long") // about 12 minutes: the rule looks at the restarts of the last 10 minutes
    void aKilledTaskManagerFiresJobRestartingAndItResolvesAfterRecovery() throws Exception {
        Rideops.Result chaos = rideops.run("chaos", "kill-taskmanager", "--down-for", "2s", "--json");
        assertThat(chaos.code()).as(chaos.err()).isZero();
        assertThat(chaos.json().path("job").asText()).startsWith("failed over");

        awaitAlerts(
                "RideopsJobRestarting firing",
                Duration.ofMinutes(4),
                alerts -> has(alerts, "RideopsJobRestarting", "firing"));
        JsonNode status = rideops.run("status", "--json").json();
        assertThat(status.at("/pipeline/signals/alerts").findValuesAsText("name"))
                .as("status lists the firing alert")
                .contains("RideopsJobRestarting");

        awaitAlerts(
                "RideopsJobRestarting resolved",
                Duration.ofMinutes(13),
                alerts -> !has(alerts, "RideopsJobRestarting", "firing")
                        && !has(alerts, "RideopsJobRestarting", "pending"));
        JsonNode history =
                rideops.runOk("alerts", "--history", "--since", "30m", "--json").json();
        assertThat(history.get("periods").findValuesAsText("alert")).contains("RideopsJobRestarting");
    }

    /**
     * A paused CDC connector: its task is not RUNNING, so {@code RideopsConnectorTaskNotRunning} fires after its 5
     * minutes (and {@code RideopsConnectorTaskFailed} does not: nothing failed); {@code rideops connector resume}
     * resolves it. A FAILED task ({@code RideopsConnectorTaskFailed}) is the next test's.
     */
    @Test
    @Order(6)
    @Tag("long") // about 7 minutes: the rule's for: is 5 minutes
    void aPausedConnectorFiresConnectorTaskNotRunningAndResumeResolvesIt() throws Exception {
        rideops.runOk("connector", "pause");
        try {
            String metrics = await(
                    "the exporter seeing the paused task",
                    Duration.ofSeconds(60),
                    this::exporterMetrics,
                    text -> text.contains("rideops_connector_task_running{connector=\"" + CdcContract.CONNECTOR_NAME
                            + "\",task=\"0\"} 0"));
            assertThat(metrics)
                    .contains("rideops_connector_task_failed{connector=\"" + CdcContract.CONNECTOR_NAME
                            + "\",task=\"0\"} 0");

            JsonNode firing = awaitAlerts(
                    "RideopsConnectorTaskNotRunning firing",
                    Duration.ofMinutes(8),
                    alerts -> has(alerts, "RideopsConnectorTaskNotRunning", "firing"));
            assertThat(has(firing, "RideopsConnectorTaskFailed", "firing")).isFalse();
            assertThat(rideops.run("alerts").out()).contains("rideops connector resume");
        } finally {
            rideops.runOk("connector", "resume");
        }
        awaitAlerts(
                "RideopsConnectorTaskNotRunning resolved",
                Duration.ofMinutes(2),
                alerts -> !has(alerts, "RideopsConnectorTaskNotRunning", "firing")
                        && !has(alerts, "RideopsConnectorTaskNotRunning", "pending"));
        JsonNode history =
                rideops.runOk("alerts", "--history", "--since", "30m", "--json").json();
        assertThat(history.get("periods").findValuesAsText("alert")).contains("RideopsConnectorTaskNotRunning");
    }

    /**
     * A really FAILED CDC connector task. Debezium does not fail when the source stops or refuses its login: it
     * retries every SQLException for ever ({@code errors.max.retries} -1), its task RUNNING meanwhile. Kafka Connect
     * fails the task on an error it does not retry: here the broker refusing the connector's records
     * ({@code RecordTooLargeException}), because every CDC topic is set to take no batch ({@code max.message.bytes}).
     * Connect commits offsets only up to the first record not acknowledged, and Debezium confirms to the slot only
     * what Connect committed: once the setting is removed, {@code connector restart --failed} resumes from there and
     * verify finds nothing lost.
     */
    @Test
    @Order(7)
    @Tag("long") // about 4 minutes: the rule's for: (1 minute) after Prometheus's scrape, then the drain for verify
    void aTopicRefusingTheConnectorsRecordsFailsItsTaskFiresConnectorTaskFailedAndRestartFailedRecoversIt()
            throws Exception {
        Instant begun = Instant.now();
        String failedSeries =
                "rideops_connector_task_failed{connector=\"" + CdcContract.CONNECTOR_NAME + "\",task=\"0\"}";
        String runningSeries =
                "rideops_connector_task_running{connector=\"" + CdcContract.CONNECTOR_NAME + "\",task=\"0\"}";
        Rideops.Result restarted;
        // the admin: no user of the pipeline may change a topic's config
        try (Admin kafka = KafkaAdmins.create(rideops.kafkaAdmin())) {
            List<String> topics = cdcTopics(kafka);
            assertThat(topics).contains(CdcContract.topic("public.bookings"));
            try {
                maxMessageBytes(kafka, topics, REFUSES_EVERY_BATCH);

                // the generator's next change fails the task; the exporter reads Connect's status on each scrape
                String metrics = await(
                        "the exporter seeing the FAILED task",
                        Duration.ofSeconds(90),
                        this::exporterMetrics,
                        text -> text.contains(failedSeries + " 1"));
                assertThat(metrics).contains(runningSeries + " 0");

                Rideops.Result connector = rideops.run("connector", "status", "--json");
                assertThat(connector.code())
                        .as("connector status exits 1: " + connector.out())
                        .isEqualTo(1);
                assertThat(connector.json().at("/tasks/0/state").asText()).isEqualTo("FAILED");
                assertThat(connector.json().at("/tasks/0/error").asText())
                        .as("the error names the root cause, not only Connect's first line")
                        .contains("RecordTooLargeException");

                Rideops.Result status = rideops.run("status", "--json");
                assertThat(status.code())
                        .as("status exits 1 while a task is FAILED")
                        .isEqualTo(1);
                JsonNode pipeline = status.json().get("pipeline");
                assertThat(pipeline.get("healthy").asBoolean()).isFalse();
                assertThat(pipeline.at("/signals/connector/tasks/0/state").asText())
                        .isEqualTo("FAILED");
                assertThat(texts(pipeline.get("problems")))
                        .anySatisfy(problem -> assertThat(problem)
                                .contains("task 0 FAILED")
                                .contains("RecordTooLargeException")
                                .contains("rideops connector restart --failed"));
                Rideops.Result human = rideops.run("status");
                assertThat(human.code()).isEqualTo(1);
                assertThat(human.out())
                        .containsPattern("task 0 +FAILED: ")
                        .contains("rideops connector restart --failed");

                JsonNode firing = awaitAlerts(
                        "RideopsConnectorTaskFailed firing",
                        Duration.ofMinutes(4),
                        alerts -> has(alerts, "RideopsConnectorTaskFailed", "firing"));
                JsonNode alert = find(firing, "RideopsConnectorTaskFailed");
                assertThat(alert.at("/labels/connector").asText()).isEqualTo(CdcContract.CONNECTOR_NAME);
                assertThat(alert.at("/labels/task").asText()).isEqualTo("0");
                assertThat(alert.get("runbook").asText()).contains("rideops connector restart --failed");
                assertThat(has(firing, "RideopsConnectorTaskNotRunning", "pending")
                                || has(firing, "RideopsConnectorTaskNotRunning", "firing"))
                        .as("a FAILED task is the failed rule's, not also the not-running one's")
                        .isFalse();
                assertThat(prometheusAlerts("RideopsConnectorTaskFailed"))
                        .as("Prometheus's own alerts API")
                        .contains("firing");
                Rideops.Result alertsTable = rideops.run("alerts");
                assertThat(alertsTable.code())
                        .as("alerts exits 1 while one fires")
                        .isEqualTo(1);
                assertThat(alertsTable.out())
                        .contains("RideopsConnectorTaskFailed")
                        .contains("rideops connector restart --failed");
            } finally {
                // undo the cause, then what the runbook says; in finally so the next tests get a running connector
                try {
                    maxMessageBytes(kafka, topics, null);
                } finally {
                    restarted = rideops.run("connector", "restart", "--failed", "--json");
                }
            }
        }
        assertThat(restarted.code()).as(restarted.err()).isZero();
        assertThat(restarted.json().get("state").asText()).isEqualTo("RUNNING");
        assertThat(restarted.json().get("only_failed").asBoolean()).isTrue();

        await(
                "the exporter seeing the task run again",
                Duration.ofSeconds(60),
                this::exporterMetrics,
                text -> text.contains(runningSeries + " 1") && text.contains(failedSeries + " 0"));
        awaitAlerts(
                "RideopsConnectorTaskFailed resolved",
                Duration.ofMinutes(2),
                alerts -> !has(alerts, "RideopsConnectorTaskFailed", "firing")
                        && !has(alerts, "RideopsConnectorTaskFailed", "pending"));
        assertThat(prometheusAlerts("RideopsConnectorTaskFailed")).isEmpty();
        // still running once the alert has resolved: the refusal is really gone
        Rideops.Result connector = rideops.run("connector", "status", "--json");
        assertThat(connector.code()).as(connector.out()).isZero();
        assertThat(connector.json().at("/tasks/0/state").asText()).isEqualTo("RUNNING");
        assertThat(texts(rideops.run("status", "--json").json().at("/pipeline/problems")))
                .noneMatch(problem -> problem.contains("connector"));
        JsonNode history =
                rideops.runOk("alerts", "--history", "--since", "30m", "--json").json();
        assertThat(history.get("periods").findValuesAsText("alert")).contains("RideopsConnectorTaskFailed");

        // nothing lost: the changes refused while the task was FAILED reached the mart after the restart
        rideops.runOk("generate", "stop");
        try {
            long seconds = Duration.between(begun, Instant.now()).toSeconds() + 1;
            Rideops.Result verified = rideops.run("verify", "--since", seconds + "s", "--json");
            assertThat(verified.code()).as(verified.err() + verified.out()).isZero();
            assertThat(verified.json().path("passed").asBoolean()).isTrue();
            assertThat(check(verified.json(), "rides_requested").path("checked").asLong())
                    .as("verify compared the window's buckets")
                    .isPositive();
        } finally {
            rideops.runOk("generate", "--detach", "--volume", "tiny", "--time-scale", "12", "--local-hour", "18");
        }
    }

    /** Smaller than any record batch (its header alone is 61 bytes): the broker takes nothing into the topic. */
    private static final String REFUSES_EVERY_BATCH = "64";

    /** The CDC topics as they are (Debezium's heartbeat topic is left alone: a heartbeat is no change). */
    private static List<String> cdcTopics(Admin kafka) throws Exception {
        return kafka.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                .filter(t -> t.matches(CdcContract.TOPIC_PATTERN))
                .sorted()
                .toList();
    }

    /** Sets the topics' max.message.bytes, or with null removes it; returns once the broker answers with it. */
    private static void maxMessageBytes(Admin kafka, List<String> topics, String bytes) throws Exception {
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
        for (String topic : topics) {
            changes.put(
                    new ConfigResource(ConfigResource.Type.TOPIC, topic),
                    List.of(new AlterConfigOp(
                            new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes == null ? "" : bytes),
                            bytes == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET)));
        }
        kafka.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
        await(
                "max.message.bytes " + (bytes == null ? "back to the broker's default" : bytes) + " on " + topics,
                Duration.ofSeconds(30),
                () -> kafka.describeConfigs(changes.keySet()).all().get(10, TimeUnit.SECONDS),
                configs -> configs.values().stream().allMatch(config -> {
                    ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                    return bytes == null
                            ? entry.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                            : bytes.equals(entry.value());
                }));
    }

    private String exporterMetrics() throws IOException, InterruptedException {
        return get("http://127.0.0.1:" + rideops.exporterPort() + "/metrics", rideops.exporterLogin());
    }

    /** The states Prometheus's own alerts API gives the alert (one per series). */
    private List<String> prometheusAlerts(String alert) throws Exception {
        List<String> states = new ArrayList<>();
        JsonNode api = JSON.readTree(get("http://127.0.0.1:" + rideops.prometheusPort() + "/api/v1/alerts"));
        for (JsonNode a : api.at("/data/alerts")) {
            if (a.at("/labels/alertname").asText().equals(alert)) {
                states.add(a.get("state").asText());
            }
        }
        return states;
    }

    private static JsonNode find(JsonNode report, String alert) {
        for (JsonNode a : report.get("alerts")) {
            if (a.get("alert").asText().equals(alert)) {
                return a;
            }
        }
        throw new AssertionError("no " + alert + " in " + report);
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.path("checks")) {
            if (c.path("check").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    /**
     * Waits for what {@code rideops alerts --json} shows. Prometheus's own alerts API (the command's source) is polled
     * every second first: one HTTP call, where each {@code rideops alerts} is a JVM start of seconds on two busy cores
     * and was polled every 5 s on top of that. Then the command itself must show it, within what is left of the
     * timeout: the assertion is still the command's answer.
     */
    private JsonNode awaitAlerts(String what, Duration timeout, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Poll.every(Duration.ofSeconds(1), timeout).until(() -> {
            try {
                return until.test(prometheusAlertsAsTheCommandShows());
            } catch (IOException | RuntimeException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        });
        return await(
                what,
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                () -> {
                    Rideops.Result r = rideops.run("alerts", "--json");
                    assertThat(r.code()).as(r.err()).isIn(0, 1);
                    return r.json();
                },
                until);
    }

    /** Prometheus's pending and firing alerts in the shape of {@code rideops alerts --json}: alert and state. */
    private JsonNode prometheusAlertsAsTheCommandShows() throws IOException, InterruptedException {
        JsonNode answer = JSON.readTree(get("http://127.0.0.1:" + rideops.prometheusPort() + "/api/v1/alerts"));
        var alerts = JSON.createArrayNode();
        for (JsonNode a : answer.at("/data/alerts")) {
            alerts.addObject()
                    .put("alert", a.at("/labels/alertname").asText())
                    .put("state", a.path("state").asText());
        }
        var report = JSON.createObjectNode();
        report.set("alerts", alerts);
        return report;
    }

    private static boolean has(JsonNode report, String alert, String state) {
        for (JsonNode a : report.get("alerts")) {
            if (a.get("alert").asText().equals(alert) && a.get("state").asText().equals(state)) {
                return true;
            }
        }
        return false;
    }

    private interface Read<T> {
        T read() throws Exception;
    }

    private static <T> T await(String what, Duration timeout, Read<T> read, Predicate<T> until) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = read.read();
        while (!until.test(last)) {
            if (System.nanoTime() > deadline) {
                fail("no " + what + " after " + timeout.toSeconds() + "s; last seen: " + last);
            }
            Thread.sleep(5_000);
            last = read.read();
        }
        return last;
    }

    private JsonNode query(String promql) throws Exception {
        return JSON.readTree(get("http://127.0.0.1:" + rideops.prometheusPort() + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
    }

    private static String get(String url) throws IOException, InterruptedException {
        return get(HttpRequest.newBuilder(URI.create(url)), url);
    }

    /** A GET to one of rideops's own servers, which ask for basic auth. */
    private static String get(String url, BasicAuth login) throws IOException, InterruptedException {
        return get(HttpRequest.newBuilder(URI.create(url)).header("Authorization", login.header()), url);
    }

    private static String get(HttpRequest.Builder request, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
