package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.TestSpecs;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.ServerUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusServiceTest {

    private static final LogRotation LOGS = new LogRotation(50L << 20, 4);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final String EXPORTER_PASSWORD = "exp0rter-Secret_value";
    private static final String JMX_PASSWORD = "jmx-Secret_value";

    @TempDir
    Path home;

    private Path rules() throws IOException {
        return Files.writeString(home.resolve("rideops.rules.yml"), "groups: []\n");
    }

    private PrometheusService prometheus(StackSpec spec, boolean asRoot) throws IOException {
        return new PrometheusService(
                ServiceDirs.of(home, PrometheusService.NAME),
                ServerUser.named(asRoot, "nobody"),
                spec.monitoring(),
                spec.flink().metricsPorts(),
                rules(),
                () -> EXPORTER_PASSWORD,
                LOGS);
    }

    private JsonNode preparedConfig(StackSpec spec) throws IOException {
        PrometheusService prometheus = prometheus(spec, false).scrapeJmx(spec.jmxTargets(), () -> JMX_PASSWORD);
        ServiceDirs.of(home, PrometheusService.NAME).create();
        prometheus.prepare();
        return YAML.readTree(
                home.resolve("services/prometheus/conf/prometheus.yml").toFile());
    }

    /** job_name to its targets, and the labels of each job's targets. */
    private static Map<String, List<String>> targets(JsonNode config) {
        Map<String, List<String>> targets = new java.util.LinkedHashMap<>();
        for (JsonNode job : config.get("scrape_configs")) {
            List<String> list = new ArrayList<>();
            job.at("/static_configs/0/targets").forEach(t -> list.add(t.asText()));
            targets.put(job.get("job_name").asText(), list);
        }
        return targets;
    }

    @Test
    void scrapesItselfEveryFlinkProcessAlertmanagerAndTheExporterOnTheConfiguredPorts() throws IOException {
        StackSpec spec = TestSpecs.with(
                home,
                home,
                new StackSpec.Monitoring(
                        PROMETHEUS, 19090, "2w", ALERTMANAGER, 19095, 19400, "prometheus", 15, 9404, "prometheus"),
                2);

        JsonNode config = preparedConfig(spec);

        assertThat(targets(config))
                .containsExactly(
                        Map.entry("prometheus", List.of("127.0.0.1:19090")),
                        Map.entry("flink", List.of("127.0.0.1:9249", "127.0.0.1:9250", "127.0.0.1:9251")),
                        Map.entry("alertmanager", List.of("127.0.0.1:19095")),
                        Map.entry("rideops-exporter", List.of("127.0.0.1:19400")),
                        Map.entry("kafka", List.of("127.0.0.1:9404")),
                        Map.entry("connect", List.of("127.0.0.1:9407")),
                        Map.entry("search", List.of("127.0.0.1:9408")));
        assertThat(config.at("/scrape_configs/3/static_configs/0/labels/optional")
                        .asText())
                .isEqualTo("true");
        assertThat(config.at("/scrape_configs/1/static_configs/0/labels").isMissingNode())
                .isTrue();
        assertThat(config.at("/alerting/alertmanagers/0/static_configs/0/targets/0")
                        .asText())
                .isEqualTo("127.0.0.1:19095");
        assertThat(config.at("/rule_files/0").asText()).isEqualTo("rideops.rules.yml");
        assertThat(home.resolve("services/prometheus/conf/rideops.rules.yml")).hasContent("groups: []\n");
    }

    /**
     * The exporter asks for basic auth: Prometheus sends its user and reads the password from a file of its own,
     * 0600, never from prometheus.yml (which the server user may read and others may too).
     */
    @Test
    void scrapesTheExporterWithBasicAuthFromAPasswordFileOnlyItsOwnerReads() throws IOException {
        StackSpec spec = TestSpecs.with(
                home,
                home,
                new StackSpec.Monitoring(
                        PROMETHEUS, 19090, "2w", ALERTMANAGER, 19095, 19400, "scraper", 15, 9404, "prometheus"),
                1);

        JsonNode config = preparedConfig(spec);

        JsonNode exporter = config.at("/scrape_configs/3");
        assertThat(exporter.path("job_name").asText()).isEqualTo("rideops-exporter");
        assertThat(exporter.at("/basic_auth/username").asText()).isEqualTo("scraper");
        Path passwordFile = home.resolve("services/prometheus/conf/exporter-password");
        assertThat(exporter.at("/basic_auth/password_file").asText()).isEqualTo(passwordFile.toString());
        assertThat(passwordFile).hasContent(EXPORTER_PASSWORD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                .isEqualTo("rw-------");
        assertThat(home.resolve("services/prometheus/conf/prometheus.yml"))
                .content()
                .doesNotContain(EXPORTER_PASSWORD);
        // no other job sends it
        for (int i = 0; i < 3; i++) {
            assertThat(config.at("/scrape_configs/" + i).has("basic_auth")).isFalse();
        }
    }

    /**
     * The JMX exporter agents: a job per kind of service, a target per JVM labelled with its service, every one with
     * basic auth (user monitoring.jmx-user) from a password file of Prometheus's own, never in prometheus.yml.
     */
    @Test
    void scrapesEveryJvmServicesJmxAgentLabelledWithItsServiceAndWithItsLogin() throws IOException {
        StackSpec base = TestSpecs.with(
                home,
                home,
                new StackSpec.Monitoring(
                        PROMETHEUS, 19090, "2w", ALERTMANAGER, 19095, 19400, "prometheus", 8, 19404, "scraper"),
                1);
        StackSpec spec = new StackSpec(
                home,
                base.runtimes(),
                base.postgres(),
                TestSpecs.kafka(3, 9092, 29092),
                base.connect(),
                base.flink(),
                base.search(),
                base.logs(),
                base.monitoring(),
                base.nativeProperties(),
                base.dashboard(),
                base.tls(),
                base.registry());

        JsonNode config = preparedConfig(spec);

        Map<String, JsonNode> jobs = new java.util.LinkedHashMap<>();
        config.get("scrape_configs").forEach(job -> jobs.put(job.get("job_name").asText(), job));
        assertThat(jobs).containsKeys("kafka", "connect", "search");
        List<String> kafka = new ArrayList<>();
        for (JsonNode group : jobs.get("kafka").get("static_configs")) {
            kafka.add(group.at("/targets/0").asText() + " "
                    + group.at("/labels/service").asText());
            assertThat(group.at("/labels/optional").isMissingNode()).isTrue();
        }
        assertThat(kafka)
                .containsExactly("127.0.0.1:19404 kafka-1", "127.0.0.1:19405 kafka-2", "127.0.0.1:19406 kafka-3");
        assertThat(jobs.get("connect").at("/static_configs/0/targets/0").asText())
                .isEqualTo("127.0.0.1:19407");
        assertThat(jobs.get("connect").at("/static_configs/0/labels/service").asText())
                .isEqualTo("connect");
        assertThat(jobs.get("search").at("/static_configs/0/targets/0").asText())
                .isEqualTo("127.0.0.1:19408");
        assertThat(jobs.get("search").at("/static_configs/0/labels/service").asText())
                .isEqualTo("search");
        Path passwordFile = home.resolve("services/prometheus/conf/jmx-password");
        for (String job : List.of("kafka", "connect", "search")) {
            assertThat(jobs.get(job).at("/basic_auth/username").asText())
                    .as(job)
                    .isEqualTo("scraper");
            assertThat(jobs.get(job).at("/basic_auth/password_file").asText())
                    .as(job)
                    .isEqualTo(passwordFile.toString());
        }
        assertThat(passwordFile).hasContent(JMX_PASSWORD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                .isEqualTo("rw-------");
        assertThat(home.resolve("services/prometheus/conf/prometheus.yml"))
                .content()
                .doesNotContain(JMX_PASSWORD);
    }

    /**
     * Every 15 s by default, the rules evaluated as often as their series are scraped; a shorter interval (a test
     * stack's) is the scrape timeout too, which Prometheus wants no longer than the interval, and a longer one keeps
     * Prometheus's 10 s timeout.
     */
    @Test
    void scrapesAndEvaluatesAtTheConfiguredIntervalWithATimeoutNoLongerThanIt() throws IOException {
        JsonNode byDefault = preparedConfig(TestSpecs.with(home, home, TestSpecs.monitoring(PROMETHEUS, null), 1));
        assertThat(byDefault.at("/global/scrape_interval").asText()).isEqualTo("15s");
        assertThat(byDefault.at("/global/evaluation_interval").asText()).isEqualTo("15s");
        assertThat(byDefault.at("/global/scrape_timeout").asText()).isEqualTo("10s");

        JsonNode fast = preparedConfig(TestSpecs.with(
                home,
                home,
                new StackSpec.Monitoring(
                        PROMETHEUS, 19090, "2w", null, 19095, 19400, "prometheus", 5, 9404, "prometheus"),
                1));
        assertThat(fast.at("/global/scrape_interval").asText()).isEqualTo("5s");
        assertThat(fast.at("/global/evaluation_interval").asText()).isEqualTo("5s");
        assertThat(fast.at("/global/scrape_timeout").asText()).isEqualTo("5s");
        assertThatThrownBy(
                        () -> new StackSpec.Monitoring(PROMETHEUS, 19090, "2w", null, 19095, 19400, "p", 0, 9404, "p"))
                .hasMessageContaining("at least 1 s");
    }

    /** The Prometheus installed here (2.42 on Debian) accepts the config, basic_auth with password_file included. */
    @Test
    void promtoolAcceptsTheConfig() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed");
        preparedConfig(TestSpecs.with(
                home,
                home,
                new StackSpec.Monitoring(
                        PROMETHEUS, 19090, "2w", ALERTMANAGER, 19095, 19400, "prometheus", 5, 9404, "prometheus"),
                1));

        Process check = new ProcessBuilder(
                        PROMTOOL.toString(),
                        "check",
                        "config",
                        home.resolve("services/prometheus/conf/prometheus.yml").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes());

        assertThat(check.waitFor()).as(output).isZero();
    }

    @Test
    void withoutAlertmanagerNothingIsSentOrScrapedThere() throws IOException {
        StackSpec spec = TestSpecs.with(home, home, TestSpecs.monitoring(PROMETHEUS, null), 1);

        JsonNode config = preparedConfig(spec);

        assertThat(targets(config))
                .containsOnlyKeys("prometheus", "flink", "rideops-exporter", "kafka", "connect", "search");
        assertThat(targets(config).get("flink")).containsExactly("127.0.0.1:9249", "127.0.0.1:9250");
        assertThat(config.has("alerting")).isFalse();
    }

    @Test
    void missingRulesStopTheStartWithTheirPath() throws IOException {
        StackSpec spec = TestSpecs.with(home, home, TestSpecs.monitoring(PROMETHEUS, null), 1);
        PrometheusService prometheus = new PrometheusService(
                ServiceDirs.of(home, PrometheusService.NAME),
                ServerUser.named(false, "nobody"),
                spec.monitoring(),
                spec.flink().metricsPorts(),
                home.resolve("monitoring/rules/rideops.rules.yml"),
                () -> EXPORTER_PASSWORD,
                LOGS);
        ServiceDirs.of(home, PrometheusService.NAME).create();

        assertThatThrownBy(prometheus::prepare)
                .hasMessageContaining(
                        home.resolve("monitoring/rules/rideops.rules.yml").toString());
    }

    @Test
    void commandListensOnLoopbackOnlyWithTheRetentionAndNoSecrets() throws IOException {
        StackSpec spec = TestSpecs.with(
                home,
                home,
                new StackSpec.Monitoring(
                        PROMETHEUS, 19090, "30d", ALERTMANAGER, 19095, 19400, "prometheus", 15, 9404, "prometheus"),
                1);

        List<String> command = prometheus(spec, false).command();

        assertThat(command)
                .containsExactly(
                        "/usr/bin/prometheus",
                        "--config.file=" + home.resolve("services/prometheus/conf/prometheus.yml"),
                        "--storage.tsdb.path=" + home.resolve("services/prometheus/data"),
                        "--storage.tsdb.retention.time=30d",
                        "--web.listen-address=127.0.0.1:19090");
    }

    @Test
    void asRootItRunsAsItsOwnUserThroughTheServicesOneMechanism() throws IOException {
        StackSpec spec = TestSpecs.with(home, home, TestSpecs.monitoring(PROMETHEUS, null), 1);

        PrometheusService prometheus = prometheus(spec, true);
        // the prefix is ProcessService's (ServerUser.runAs), not the server's own command
        assertThat(prometheus.command()).startsWith("/usr/bin/prometheus");
        assertThat(prometheus.user().flatMap(ServerUser::name)).contains("nobody");
        assertThat(prometheus(spec, false).user()).isEmpty();
    }

    @Test
    void alertmanagerListensOnLoopbackOnlyWithoutAClusterPort() {
        StackSpec.Monitoring monitoring = TestSpecs.monitoring(PROMETHEUS, ALERTMANAGER);

        List<String> command = new AlertmanagerService(
                        ServiceDirs.of(home, AlertmanagerService.NAME),
                        ServerUser.named(false, "nobody"),
                        monitoring,
                        () -> EXPORTER_PASSWORD,
                        LOGS)
                .command();

        assertThat(command)
                .containsExactly(
                        "/usr/bin/prometheus-alertmanager",
                        "--config.file=" + home.resolve("services/alertmanager/conf/alertmanager.yml"),
                        "--storage.path=" + home.resolve("services/alertmanager/data"),
                        "--web.listen-address=127.0.0.1:9095",
                        "--cluster.listen-address=");
    }

    private Path preparedAlertmanagerConfig(StackSpec.Monitoring monitoring) throws IOException {
        AlertmanagerService alertmanager = new AlertmanagerService(
                ServiceDirs.of(home, AlertmanagerService.NAME),
                ServerUser.named(false, "nobody"),
                monitoring,
                () -> EXPORTER_PASSWORD,
                LOGS);
        ServiceDirs.of(home, AlertmanagerService.NAME).create();
        alertmanager.prepare();
        return home.resolve("services/alertmanager/conf/alertmanager.yml");
    }

    /**
     * One receiver, a webhook to the exporter's port that sends resolutions too, with the exporter's login: the user
     * in the config, the password in a file of Alertmanager's own (0600), never in alertmanager.yml.
     */
    @Test
    void alertmanagerNotifiesTheExporterWithItsLoginFromAPasswordFile() throws IOException {
        Path file = preparedAlertmanagerConfig(new StackSpec.Monitoring(
                PROMETHEUS, 19090, "2w", ALERTMANAGER, 19095, 19400, "scraper", 15, 9404, "prometheus"));

        JsonNode config = YAML.readTree(file.toFile());
        assertThat(config.at("/route/receiver").asText()).isEqualTo("rideops");
        assertThat(config.get("receivers")).hasSize(1);
        JsonNode webhook = config.at("/receivers/0/webhook_configs/0");
        assertThat(webhook.get("url").asText()).isEqualTo("http://127.0.0.1:19400/alertmanager");
        assertThat(webhook.get("send_resolved").asBoolean()).isTrue();
        assertThat(webhook.at("/http_config/basic_auth/username").asText()).isEqualTo("scraper");
        Path passwordFile = home.resolve("services/alertmanager/conf/exporter-password");
        assertThat(webhook.at("/http_config/basic_auth/password_file").asText()).isEqualTo(passwordFile.toString());
        assertThat(passwordFile).hasContent(EXPORTER_PASSWORD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                .isEqualTo("rw-------");
        assertThat(file).content().doesNotContain(EXPORTER_PASSWORD);
    }

    /** The Alertmanager installed here (0.25 on Debian) accepts the config, the webhook's password_file included. */
    @Test
    void amtoolAcceptsTheAlertmanagerConfig() throws Exception {
        Path amtool = Path.of("/usr/bin/amtool");
        Assumptions.assumeTrue(Files.isExecutable(amtool), "amtool is not installed");
        Path file = preparedAlertmanagerConfig(TestSpecs.monitoring(PROMETHEUS, ALERTMANAGER));

        Process check = new ProcessBuilder(amtool.toString(), "check-config", file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes());

        assertThat(check.waitFor()).as(output).isZero();
    }
}
