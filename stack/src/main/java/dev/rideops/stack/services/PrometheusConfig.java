package dev.rideops.stack.services;

import dev.rideops.stack.StackSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The local Prometheus's {@code prometheus.yml}: the rules it evaluates, where it sends alerts, and what it scrapes
 * (itself, each Flink process's reporter, Alertmanager, the pipeline exporter's port, and the JMX exporter agents of
 * the brokers, Connect and the search node, the last two with basic auth from a password file). Written as text, like Flink's config: a few fixed keys need no YAML library.
 */
final class PrometheusConfig {

    /**
     * Prometheus's default scrape timeout, and the most a scrape may take here: the pipeline exporter answers within
     * its 7 s budget. A shorter scrape interval (a test stack's) is the timeout too, as Prometheus requires.
     */
    static final int MAX_SCRAPE_TIMEOUT_SECONDS = 10;

    /** The label that tells the target-down alert a target may be absent (see rideops.rules.yml). */
    static final String OPTIONAL_LABEL = "optional";

    private PrometheusConfig() {}

    /** The label naming the service a target runs in, on the JMX exporter agents' targets. */
    static final String SERVICE_LABEL = "service";

    /**
     * @param exporterPasswordFile what Prometheus sends as the exporter's password (basic auth)
     * @param jmxTargets the JVM services' JMX exporter agents, a job per kind ({@code kafka}, {@code connect},
     *     {@code search}), each target labelled with its service
     * @param jmxPasswordFile what Prometheus sends as their password (basic auth, user {@code monitoring.jmx-user})
     */
    static String yaml(
            StackSpec.Monitoring monitoring,
            List<Integer> flinkMetricsPorts,
            String rulesFile,
            Path exporterPasswordFile,
            List<StackSpec.JmxTarget> jmxTargets,
            Path jmxPasswordFile) {
        StringBuilder yaml = new StringBuilder("# written by rideops; regenerated on every start\n");
        int interval = monitoring.scrapeIntervalSeconds();
        // the rules are evaluated as often as the series they read are scraped: an alert waits one interval, not two
        yaml.append("global:\n")
                .append("  scrape_interval: ")
                .append(interval)
                .append("s\n")
                .append("  scrape_timeout: ")
                .append(Math.min(interval, MAX_SCRAPE_TIMEOUT_SECONDS))
                .append("s\n")
                .append("  evaluation_interval: ")
                .append(interval)
                .append("s\n");
        yaml.append("rule_files:\n  - ").append(rulesFile).append('\n');
        if (monitoring.runsAlertmanager()) {
            yaml.append("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ")
                    .append(targets(List.of(monitoring.alertmanagerPort())))
                    .append('\n');
        }
        yaml.append("scrape_configs:\n");
        job(yaml, "prometheus", List.of(monitoring.prometheusPort()), false);
        job(yaml, "flink", flinkMetricsPorts, false);
        if (monitoring.runsAlertmanager()) {
            job(yaml, "alertmanager", List.of(monitoring.alertmanagerPort()), false);
        }
        // Optional for the generic target-down alert: RideopsExporterDown speaks for it, with its own runbook, and
        // against a Prometheus of the user's own the exporter runs only if they start it.
        job(yaml, "rideops-exporter", List.of(monitoring.exporterPort()), true);
        basicAuth(yaml, monitoring.exporterUser(), exporterPasswordFile);
        // one job per kind of service, in the order the stack starts them; a target per JVM, labelled with its name
        Map<String, List<StackSpec.JmxTarget>> jobs = new LinkedHashMap<>();
        jmxTargets.forEach(
                t -> jobs.computeIfAbsent(t.job(), j -> new ArrayList<>()).add(t));
        jobs.forEach((name, targets) -> {
            yaml.append("  - job_name: ").append(name).append("\n    static_configs:\n");
            for (StackSpec.JmxTarget target : targets) {
                yaml.append("      - targets: ")
                        .append(targets(List.of(target.port())))
                        .append("\n        labels:\n          ")
                        .append(SERVICE_LABEL)
                        .append(": '")
                        .append(target.service())
                        .append("'\n");
            }
            basicAuth(yaml, monitoring.jmxUser(), jmxPasswordFile);
        });
        return yaml.toString();
    }

    /** The user is a plain name (the config allows [A-Za-z0-9._-]), the path one rideops chose. */
    private static void basicAuth(StringBuilder yaml, String user, Path passwordFile) {
        yaml.append("    basic_auth:\n      username: '")
                .append(user)
                .append("'\n      password_file: '")
                .append(passwordFile.toString().replace("'", "''"))
                .append("'\n");
    }

    private static void job(StringBuilder yaml, String name, List<Integer> ports, boolean optional) {
        yaml.append("  - job_name: ")
                .append(name)
                .append("\n    static_configs:\n      - targets: ")
                .append(targets(ports))
                .append('\n');
        if (optional) {
            yaml.append("        labels:\n          ").append(OPTIONAL_LABEL).append(": 'true'\n");
        }
    }

    private static String targets(List<Integer> ports) {
        return ports.stream().map(p -> "'127.0.0.1:" + p + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
