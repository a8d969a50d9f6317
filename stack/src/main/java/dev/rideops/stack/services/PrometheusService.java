package dev.rideops.stack.services;

import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.ServerUser;
import dev.rideops.stack.secrets.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The local Prometheus: scrapes the stack ({@link PrometheusConfig}), evaluates the alert rules the checkout ships,
 * sends what fires to the local Alertmanager when one runs, and keeps metrics and the alert history
 * ({@code ALERTS}) for the configured retention.
 */
public final class PrometheusService extends MonitoringService {

    public static final String NAME = "prometheus";
    public static final List<String> BINARIES = List.of("prometheus");
    static final String RULES_FILE = "rideops.rules.yml";
    static final String EXPORTER_PASSWORD_FILE = "exporter-password";
    static final String JMX_PASSWORD_FILE = "jmx-password";

    private final StackSpec.Monitoring monitoring;
    private final List<Integer> flinkMetricsPorts;
    private final Path rules;
    private final Supplier<String> exporterPassword;
    private List<StackSpec.JmxTarget> jmxTargets = List.of();
    private Supplier<String> jmxPassword;

    /**
     * @param rules the alert rules to copy into the config directory (the checkout's monitoring/rules)
     * @param exporterPassword what it sends to scrape the pipeline exporter, looked up at each start
     */
    public PrometheusService(
            ServiceDirs dirs,
            ServerUser user,
            StackSpec.Monitoring monitoring,
            List<Integer> flinkMetricsPorts,
            Path rules,
            Supplier<String> exporterPassword,
            LogRotation logRotation) {
        super(NAME, dirs, monitoring.prometheusPort(), monitoring.prometheus(), user, logRotation);
        this.monitoring = monitoring;
        this.flinkMetricsPorts = List.copyOf(flinkMetricsPorts);
        this.rules = rules;
        this.exporterPassword = exporterPassword;
    }

    /**
     * Scrapes the JVM services' JMX exporter agents too, sending {@code monitoring.jmx-user} and this password (looked
     * up at each start). Set once, before the first start.
     */
    public PrometheusService scrapeJmx(List<StackSpec.JmxTarget> targets, Supplier<String> password) {
        this.jmxTargets = List.copyOf(targets);
        this.jmxPassword = password;
        return this;
    }

    /** The agents' password as Prometheus reads it: its own copy, like {@link #exporterPasswordFile()}. */
    Path jmxPasswordFile() {
        return dirs.conf().resolve(JMX_PASSWORD_FILE);
    }

    /**
     * The exporter's password as Prometheus reads it ({@code password_file}): its own copy, 0600 and owned by the user
     * it runs as, since as root that user cannot enter the home's secrets directory (0700). Never in prometheus.yml,
     * which others may read.
     */
    Path exporterPasswordFile() {
        return dirs.conf().resolve(EXPORTER_PASSWORD_FILE);
    }

    @Override
    protected void writeConfig() throws IOException {
        if (!Files.isRegularFile(rules)) {
            throw new IOException("the alert rules are missing: " + rules + " (is rideops run from its checkout?)");
        }
        writeConfigFile(RULES_FILE, Files.readString(rules));
        // no newline: the file's content is the password, byte for byte
        Secrets.writeOwnerOnly(exporterPasswordFile(), exporterPassword.get());
        user.own(exporterPasswordFile());
        if (!jmxTargets.isEmpty()) {
            Secrets.writeOwnerOnly(jmxPasswordFile(), jmxPassword.get());
            user.own(jmxPasswordFile());
        }
        writeConfigFile(
                "prometheus.yml",
                PrometheusConfig.yaml(
                        monitoring,
                        flinkMetricsPorts,
                        RULES_FILE,
                        exporterPasswordFile(),
                        jmxTargets,
                        jmxPasswordFile()));
    }

    @Override
    protected List<String> arguments() {
        return List.of(
                "--config.file=" + dirs.conf().resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dirs.data(),
                "--storage.tsdb.retention.time=" + monitoring.retention(),
                "--web.listen-address=" + listenAddress());
    }
}
