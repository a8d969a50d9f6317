package dev.rideops.stack;

import dev.rideops.clients.kafka.KafkaUsers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything needed to run the embedded stack on this machine: where its state lives, where the build laid out
 * the services' runtimes, ports, counts and memory, and whether its servers serve TLS ({@code security.tls}: so far
 * PostgreSQL, see {@link dev.rideops.stack.services.PostgresServerTls}), which every later command's clients then
 * use. Immutable; the CLI builds it from the effective config.
 */
public record StackSpec(
        Path home,
        RuntimeLayout runtimes,
        Postgres postgres,
        Kafka kafka,
        Connect connect,
        Flink flink,
        Search search,
        Logs logs,
        Monitoring monitoring,
        NativeProperties nativeProperties,
        Dashboard dashboard,
        boolean tls,
        Registry registry) {

    /**
     * Each service's own settings for what rideops does not model, from {@code kafka.properties},
     * {@code flink.config}, {@code search.settings} and {@code postgres.settings}: written after rideops's own into
     * the broker's server.properties, Flink's config.yaml, the search node's settings and PostgreSQL's {@code -c}
     * options (both clusters), so a key given here wins.
     */
    public record NativeProperties(
            Map<String, String> kafka,
            Map<String, String> flink,
            Map<String, String> search,
            Map<String, String> postgres) {

        public NativeProperties {
            kafka = ordered(kafka);
            flink = ordered(flink);
            search = ordered(search);
            postgres = ordered(postgres);
        }

        public static NativeProperties none() {
            return new NativeProperties(Map.of(), Map.of(), Map.of(), Map.of());
        }

        private static Map<String, String> ordered(Map<String, String> map) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(map == null ? Map.of() : map));
        }
    }

    /**
     * Both PostgreSQL clusters: the superuser the stack creates (its password is a secret of the home, never part
     * of this spec, which is written to stack.json), and their ports; the most WAL the source keeps for a lagging
     * replication slot.
     */
    public record Postgres(String user, int sourcePort, int reportingPort, int maxSlotWalKeepSizeMb) {}

    /**
     * One broker, or three (replication 3, min.insync 2); broker i listens on {@code port + i}. Records are kept
     * {@code retentionHours} and at most {@code retentionMbPerPartition}, in batches compressed with
     * {@code compression}. {@code proxyPort} (0: none) gives each broker a second, proxied listener for network
     * faults between Kafka and the job: broker i advertises {@code proxyPort + i}, where chaos's fault proxy listens,
     * and binds {@link #proxiedListenerPort(int)}, where that proxy forwards to. Every listener takes SASL: clients
     * log in with {@code saslMechanism} (SCRAM) as one of {@code users}, the controllers with PLAIN as the admin;
     * the passwords are secrets of the home, never part of this spec.
     */
    public record Kafka(
            int brokers,
            int port,
            int controllerPort,
            int heapMb,
            int retentionHours,
            int retentionMbPerPartition,
            String compression,
            int proxyPort,
            String saslMechanism,
            KafkaUsers users) {

        /** Ports of the proxied listeners start this far after {@code proxyPort}: room for three proxies. */
        static final int PROXIED_LISTENER_OFFSET = 3;

        public Kafka {
            if (brokers != 1 && brokers != 3) {
                throw new IllegalArgumentException("brokers must be 1 or 3, was " + brokers);
            }
            if (!saslMechanism.startsWith("SCRAM-")) {
                throw new IllegalArgumentException(
                        "the local brokers take SCRAM-SHA-512 or SCRAM-SHA-256, not " + saslMechanism);
            }
        }

        public static final String DEFAULT_SASL_MECHANISM = "SCRAM-SHA-512";

        public boolean hasProxiedListener() {
            return proxyPort > 0;
        }

        /** Where broker {@code index}'s proxied listener binds; the proxy in front of it listens on proxyPort + index. */
        public int proxiedListenerPort(int index) {
            return proxiedListenerPort(proxyPort, index);
        }

        public static int proxiedListenerPort(int proxyPort, int index) {
            return proxyPort + PROXIED_LISTENER_OFFSET + index;
        }

        /** The bootstrap servers through the proxies: what the job is given for a fault on the Kafka link. */
        public String proxiedBootstrapServers() {
            List<String> servers = new ArrayList<>();
            for (int i = 0; i < brokers; i++) {
                servers.add("127.0.0.1:" + (proxyPort + i));
            }
            return String.join(",", servers);
        }
    }

    /**
     * The Connect worker, its REST API asking for {@code user}'s password (basic auth; a secret, not in this spec).
     */
    public record Connect(int port, int heapMb, String user) {

        /** The user of a stack.json written before Connect asked for a login: {@code connect.user}'s default. */
        public static final String DEFAULT_USER = "rideops";

        public Connect {
            user = user == null ? DEFAULT_USER : user;
        }
    }

    /**
     * The session cluster: one JobManager and {@code taskManagers} TaskManagers of {@code taskSlots} slots. Each
     * process serves its metrics to Prometheus on one of {@link #metricsPorts()}.
     */
    public record Flink(
            int port,
            int rpcPort,
            int blobPort,
            int metricsPort,
            int taskManagers,
            int taskSlots,
            int jobManagerMemoryMb,
            int taskManagerMemoryMb) {

        public Flink {
            if (taskManagers < 1) {
                throw new IllegalArgumentException("taskManagers must be at least 1, was " + taskManagers);
            }
        }

        /**
         * The Prometheus reporter's ports, from {@code metricsPort}: just enough for the JobManager and every
         * TaskManager, so Prometheus scrapes each of them and no port where nothing listens.
         */
        public List<Integer> metricsPorts() {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i <= taskManagers; i++) {
                ports.add(metricsPort + i);
            }
            return List.copyOf(ports);
        }
    }

    /** The local search node; {@code users} are the logins its users file holds (passwords are secrets of the home). */
    public record Search(int port, int transportPort, int heapMb, SearchUsers users) {}

    /** The search node's users by role: deploy's admin, the job's writer, the readers' read-only user. */
    public record SearchUsers(String admin, String writer, String reader) {}

    /** Every service's log is rotated at {@code maxSizeMb}, and {@code keep} rotated files are kept. */
    public record Logs(int maxSizeMb, int keep) {}

    /**
     * The local Prometheus and Alertmanager, each given by the binary to run, or null when it does not run (not
     * installed, or another Prometheus is configured). Prometheus keeps {@code retention} of metrics and alert
     * history (a duration such as {@code 7d}) and scrapes the pipeline exporter's {@code exporterPort} as
     * {@code exporterUser} (basic auth; the password is a secret of the home, never part of this spec); Alertmanager
     * receives what Prometheus sends, so it runs only beside it. Prometheus scrapes and evaluates the rules every
     * {@code scrapeIntervalSeconds}. The brokers, Connect and the search node always run the JMX exporter agent
     * (cheap: it reads MBeans only when scraped), from {@code jmxPort} ({@link #kafkaJmxPort}, {@link #connectJmxPort},
     * {@link #searchJmxPort}), asking for {@code jmxUser}'s password (a secret of the home).
     */
    public record Monitoring(
            Path prometheus,
            int prometheusPort,
            String retention,
            Path alertmanager,
            int alertmanagerPort,
            int exporterPort,
            String exporterUser,
            int scrapeIntervalSeconds,
            int jmxPort,
            String jmxUser) {

        /** Room for three brokers' agents from {@code jmxPort}, whatever the count, so Connect's never moves. */
        static final int JMX_CONNECT_OFFSET = 3;

        static final int JMX_SEARCH_OFFSET = 4;

        /** How many ports the agents take from {@code jmxPort}, the search node's the last. */
        public static final int JMX_PORTS = JMX_SEARCH_OFFSET + 1;

        public Monitoring {
            if (alertmanager != null && prometheus == null) {
                throw new IllegalArgumentException("Alertmanager runs only beside the local Prometheus");
            }
            if (scrapeIntervalSeconds < 1) {
                throw new IllegalArgumentException(
                        "scrape interval must be at least 1 s, was " + scrapeIntervalSeconds);
            }
        }

        /** Where broker {@code index}'s JMX exporter agent listens. */
        public int kafkaJmxPort(int index) {
            return jmxPort + index;
        }

        public int connectJmxPort() {
            return jmxPort + JMX_CONNECT_OFFSET;
        }

        public int searchJmxPort() {
            return jmxPort + JMX_SEARCH_OFFSET;
        }

        public boolean runsPrometheus() {
            return prometheus != null;
        }

        public boolean runsAlertmanager() {
            return alertmanager != null;
        }

        /** The pipeline exporter runs where the local Prometheus scrapes it. */
        public boolean runsExporter() {
            return runsPrometheus();
        }
    }

    /** This spec with other native settings: what a restarted service reads, leaving the stack's shape as it is. */
    public StackSpec withNativeProperties(NativeProperties properties) {
        return new StackSpec(
                home,
                runtimes,
                postgres,
                kafka,
                connect,
                flink,
                search,
                logs,
                monitoring,
                properties,
                dashboard,
                tls,
                registry);
    }

    /**
     * Apicurio Registry for {@code cdc.format: avro} (null with JSON change events): Debezium's converter, a plugin
     * of the local Connect worker, registers the change events' schemas there and the job reads them back. It runs in
     * the stack when {@code local} (no {@code registry.url}): its REST API on {@code port}, Quarkus's health and
     * metrics on {@code managementPort}, asking every client that reads or writes schemas for a login of {@code users}.
     * It needs Java {@value #JAVA}: {@code javaHome} names one, empty to find one ({@code JavaRuntimes}).
     */
    public record Registry(
            boolean local, int port, int managementPort, int heapMb, RegistryUsers users, String javaHome) {

        /** Apicurio Registry 3.3's classes are built for Java 21 (class file version 65). */
        public static final int JAVA = 21;

        public Registry {
            javaHome = javaHome == null ? "" : javaHome;
        }

        public Optional<Path> configuredJava() {
            return javaHome.isBlank() ? Optional.empty() : Optional.of(Path.of(javaHome));
        }
    }

    /**
     * The local registry's users by what they may do: Connect's converter registers schemas ({@code connect}), the job
     * only reads them ({@code job}); their passwords are secrets of the home.
     */
    public record RegistryUsers(String connect, String job) {}

    /** Whether change events are Avro ({@code cdc.format: avro}): the Connect worker then loads the converter. */
    public boolean avroChangeEvents() {
        return registry != null;
    }

    /** Whether the stack runs the registry: Avro change events, and no other registry configured. */
    public boolean runsRegistry() {
        return registry != null && registry.local();
    }

    /** The built-in dashboard, on 127.0.0.1, asking for {@code user}'s password (a secret, not in this spec). */
    public record Dashboard(int port, String user) {}

    /** Every port the stack listens on, named by the service and purpose, for preflight and clash messages. */
    public List<PortUse> ports() {
        List<PortUse> ports = new ArrayList<>();
        ports.add(new PortUse(postgres.sourcePort(), "source-db", "PostgreSQL ride_hailing_db", "source.port"));
        ports.add(new PortUse(postgres.reportingPort(), "reporting-db", "PostgreSQL reporting_db", "reporting.port"));
        for (int i = 0; i < kafka.brokers(); i++) {
            ports.add(new PortUse(kafka.port() + i, kafkaServiceName(i), "Kafka client listener", "kafka.port"));
            ports.add(new PortUse(
                    kafka.controllerPort() + i,
                    kafkaServiceName(i),
                    "KRaft controller listener",
                    "kafka.controller-port"));
            if (kafka.hasProxiedListener()) {
                ports.add(new PortUse(
                        kafka.proxiedListenerPort(i),
                        kafkaServiceName(i),
                        "Kafka proxied listener (network faults)",
                        "kafka.proxy-port"));
            }
        }
        ports.add(new PortUse(connect.port(), "connect", "Kafka Connect REST", "connect.port"));
        ports.add(new PortUse(flink.port(), "flink-jobmanager", "Flink REST and web UI", "flink.port"));
        ports.add(new PortUse(flink.rpcPort(), "flink-jobmanager", "Flink JobManager RPC", "flink.rpc-port"));
        ports.add(new PortUse(flink.blobPort(), "flink-jobmanager", "Flink blob server", "flink.blob-port"));
        for (int port : flink.metricsPorts()) {
            ports.add(new PortUse(
                    port, "flink", "Flink metrics for Prometheus (JobManager or a TaskManager)", "flink.metrics-port"));
        }
        if (runsRegistry()) {
            ports.add(new PortUse(registry.port(), "registry", "schema registry REST (Apicurio)", "registry.port"));
            ports.add(new PortUse(
                    registry.managementPort(),
                    "registry",
                    "schema registry health and metrics",
                    "registry.management-port"));
        }
        ports.add(new PortUse(search.port(), "search", "search REST (Elasticsearch API)", "search.port"));
        ports.add(new PortUse(search.transportPort(), "search", "search transport", "search.transport-port"));
        if (monitoring.runsPrometheus()) {
            ports.add(new PortUse(
                    monitoring.prometheusPort(), "prometheus", "Prometheus web and API", "monitoring.prometheus-port"));
        }
        if (monitoring.runsAlertmanager()) {
            ports.add(new PortUse(
                    monitoring.alertmanagerPort(),
                    "alertmanager",
                    "Alertmanager web and API",
                    "monitoring.alertmanager-port"));
        }
        if (monitoring.runsExporter()) {
            ports.add(new PortUse(
                    monitoring.exporterPort(),
                    "exporter",
                    "pipeline exporter (metrics for Prometheus)",
                    "monitoring.exporter-port"));
        }
        ports.add(new PortUse(dashboard.port(), "dashboard", "built-in dashboard", "dashboard.port"));
        for (JmxTarget target : jmxTargets()) {
            ports.add(new PortUse(
                    target.port(),
                    target.service(),
                    "JMX exporter agent (metrics for Prometheus)",
                    "monitoring.jmx-port"));
        }
        return List.copyOf(ports);
    }

    /**
     * Every JVM service's JMX exporter agent: the Prometheus job that scrapes it ({@code kafka}, {@code connect},
     * {@code search}, which is also the name of its rules file under monitoring/jmx), the service and its port.
     */
    public List<JmxTarget> jmxTargets() {
        List<JmxTarget> targets = new ArrayList<>();
        for (int i = 0; i < kafka.brokers(); i++) {
            targets.add(new JmxTarget("kafka", kafkaServiceName(i), monitoring.kafkaJmxPort(i)));
        }
        targets.add(new JmxTarget("connect", "connect", monitoring.connectJmxPort()));
        targets.add(new JmxTarget("search", "search", monitoring.searchJmxPort()));
        return List.copyOf(targets);
    }

    /** One JMX exporter agent: scraped by Prometheus's job {@code job}, in {@code service}'s JVM, on {@code port}. */
    public record JmxTarget(String job, String service, int port) {}

    public static String kafkaServiceName(int index) {
        return "kafka-" + (index + 1);
    }

    /** Rough resident memory of the idle stack, from measurements on the reference machine. */
    public long estimatedMemoryMb() {
        long databases = 2 * 150L;
        long brokers = kafka.brokers() * (kafka.heapMb() + 250L);
        long worker = connect.heapMb() + 250L;
        long cluster = flink.jobManagerMemoryMb() + (long) flink.taskManagers() * flink.taskManagerMemoryMb();
        long node = search.heapMb() + 300L;
        long metrics = (monitoring.runsPrometheus() ? 150L : 0)
                + (kafka.brokers() + 2) * JMX_AGENT_MB
                + (monitoring.runsAlertmanager() ? 40L : 0)
                + (monitoring.runsExporter() ? 120L : 0);
        long dashboardJvm = 150L;
        long schemas = runsRegistry() ? registry.heapMb() + REGISTRY_OVERHEAD_MB : 0;
        return databases + brokers + worker + cluster + node + metrics + dashboardJvm + schemas;
    }

    /**
     * The registry's memory beyond its heap (Quarkus's classes, threads, H2): measured 2026-11-30 at 285 MiB resident in
     * all with its 256 MiB heap, after it registered the seven schemas of a deploy and a generator run; its heap was
     * not yet all touched, so the heap plus this bounds it.
     */
    static final long REGISTRY_OVERHEAD_MB = 150;

    /** The JMX exporter agent's classes, HTTP server and a scrape's objects in each JVM: an estimate, not measured. */
    static final long JMX_AGENT_MB = 20;

    public String kafkaBootstrapServers() {
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < kafka.brokers(); i++) {
            servers.add("127.0.0.1:" + (kafka.port() + i));
        }
        return String.join(",", servers);
    }

    /** A port of the stack, who uses it, and the config key that moves it. */
    public record PortUse(int port, String service, String purpose, String configKey) {}
}
