package dev.rideops.cli.config;

import dev.rideops.clients.kafka.KafkaUsers;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.Stack;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.os.Executables;
import dev.rideops.stack.services.AlertmanagerService;
import dev.rideops.stack.services.PrometheusService;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Turns the effective config into the {@link StackSpec} the embedded stack runs. */
public final class StackSpecs {

    private StackSpecs() {}

    /** @param tools where to look for the monitoring binaries (the PATH) */
    public static StackSpec from(
            RideopsConfig config,
            RuntimeLayout runtimes,
            LongSupplier availableMemoryMb,
            int cores,
            Executables tools) {
        return new StackSpec(
                config.home(),
                runtimes,
                new StackSpec.Postgres(
                        config.get(Setting.POSTGRES_ADMIN_USER),
                        config.intValue(Setting.SOURCE_PORT),
                        config.intValue(Setting.REPORTING_PORT),
                        config.megabytes(Setting.SOURCE_MAX_SLOT_WAL_KEEP_SIZE)),
                new StackSpec.Kafka(
                        brokers(config, availableMemoryMb, cores),
                        config.intValue(Setting.KAFKA_PORT),
                        config.intValue(Setting.KAFKA_CONTROLLER_PORT),
                        config.megabytes(Setting.KAFKA_HEAP),
                        config.intValue(Setting.KAFKA_RETENTION_HOURS),
                        config.megabytes(Setting.KAFKA_RETENTION_BYTES),
                        config.get(Setting.KAFKA_COMPRESSION),
                        config.get(Setting.KAFKA_PROXY_PORT).isEmpty() ? 0 : config.intValue(Setting.KAFKA_PROXY_PORT),
                        localSaslMechanism(config),
                        new KafkaUsers(
                                config.get(Setting.KAFKA_ADMIN_USER),
                                config.get(Setting.KAFKA_USER),
                                config.get(Setting.KAFKA_CONNECT_USER),
                                config.get(Setting.KAFKA_JOB_USER))),
                new StackSpec.Connect(
                        config.intValue(Setting.CONNECT_PORT),
                        config.megabytes(Setting.CONNECT_HEAP),
                        config.get(Setting.CONNECT_USER)),
                new StackSpec.Flink(
                        config.intValue(Setting.FLINK_PORT),
                        config.intValue(Setting.FLINK_RPC_PORT),
                        config.intValue(Setting.FLINK_BLOB_PORT),
                        config.intValue(Setting.FLINK_METRICS_PORT),
                        config.intValue(Setting.FLINK_TASKMANAGERS),
                        config.intValue(Setting.FLINK_TASK_SLOTS),
                        config.megabytes(Setting.FLINK_JOBMANAGER_MEMORY),
                        config.megabytes(Setting.FLINK_TASKMANAGER_MEMORY)),
                new StackSpec.Search(
                        config.intValue(Setting.SEARCH_PORT),
                        config.intValue(Setting.SEARCH_TRANSPORT_PORT),
                        config.megabytes(Setting.SEARCH_HEAP),
                        searchUsers(config)),
                new StackSpec.Logs(config.megabytes(Setting.LOGS_MAX_SIZE), config.intValue(Setting.LOGS_KEEP)),
                monitoring(config, tools),
                new StackSpec.NativeProperties(
                        config.nativeValues(NativeSection.KAFKA),
                        config.nativeValues(NativeSection.FLINK),
                        config.nativeValues(NativeSection.SEARCH),
                        config.nativeValues(NativeSection.POSTGRES)),
                new StackSpec.Dashboard(config.intValue(Setting.DASHBOARD_PORT), config.get(Setting.DASHBOARD_USER)),
                config.flag(Setting.SECURITY_TLS),
                registry(config));
    }

    /** The registry of Avro change events, local unless another one is configured; null for JSON change events. */
    static StackSpec.Registry registry(RideopsConfig config) {
        if (!config.get(Setting.CDC_FORMAT).equals("avro")) {
            return null;
        }
        return new StackSpec.Registry(
                config.get(Setting.REGISTRY_URL).isBlank(),
                config.intValue(Setting.REGISTRY_PORT),
                config.intValue(Setting.REGISTRY_MANAGEMENT_PORT),
                config.megabytes(Setting.REGISTRY_HEAP),
                new StackSpec.RegistryUsers(
                        localRegistryUser(config, Setting.REGISTRY_CONNECT_USER),
                        localRegistryUser(config, Setting.REGISTRY_JOB_USER)),
                absoluteOrEmpty(config.get(Setting.REGISTRY_JAVA_HOME)));
    }

    /** As the CLI found it: the registry starts in a directory of its own, where a relative path means another. */
    private static String absoluteOrEmpty(String path) {
        return path.isBlank() ? "" : Path.of(path).toAbsolutePath().normalize().toString();
    }

    /**
     * A login of the local registry: an empty one (meant for a remote registry without authentication) still gives
     * it its default user, as the search node keeps its admin; a client sending none is then refused, in one line.
     */
    private static String localRegistryUser(RideopsConfig config, Setting user) {
        String name = config.get(user);
        return name.isBlank() ? user.defaultValue() : name;
    }

    /** The local brokers take SCRAM only; PLAIN is for remote clusters, so it leaves them at the default. */
    static String localSaslMechanism(RideopsConfig config) {
        String mechanism = config.get(Setting.KAFKA_SASL_MECHANISM);
        return mechanism.startsWith("SCRAM-") ? mechanism : StackSpec.Kafka.DEFAULT_SASL_MECHANISM;
    }

    /**
     * The local node's users are the logins rideops uses on it. An empty {@code search.user} (meant for a remote node
     * without security) still leaves the local node its default admin: a node nobody may deploy to is no use.
     */
    static StackSpec.SearchUsers searchUsers(RideopsConfig config) {
        String admin = config.get(Setting.SEARCH_USER);
        return new StackSpec.SearchUsers(
                admin.isBlank() ? Setting.SEARCH_USER.defaultValue() : admin,
                config.get(Setting.SEARCH_WRITER_USER),
                config.get(Setting.SEARCH_READER_USER));
    }

    /**
     * The local Prometheus runs when its binary is installed and no other Prometheus is configured; Alertmanager runs
     * beside it when installed too.
     */
    static StackSpec.Monitoring monitoring(RideopsConfig config, Executables tools) {
        Path prometheus = config.get(Setting.MONITORING_PROMETHEUS_URL).isBlank()
                ? tools.findAny(PrometheusService.BINARIES).orElse(null)
                : null;
        Path alertmanager = prometheus == null
                ? null
                : tools.findAny(AlertmanagerService.BINARIES).orElse(null);
        return new StackSpec.Monitoring(
                prometheus,
                config.intValue(Setting.MONITORING_PROMETHEUS_PORT),
                config.get(Setting.MONITORING_RETENTION),
                alertmanager,
                config.intValue(Setting.MONITORING_ALERTMANAGER_PORT),
                config.intValue(Setting.MONITORING_EXPORTER_PORT),
                config.get(Setting.MONITORING_EXPORTER_USER),
                config.intValue(Setting.MONITORING_SCRAPE_INTERVAL_SECONDS),
                config.intValue(Setting.MONITORING_JMX_PORT),
                config.get(Setting.MONITORING_JMX_USER));
    }

    /**
     * {@code kafka.brokers=auto} means three brokers (replication 3, min.insync 2, as the original setup) when
     * at least {@value #THREE_BROKER_MEMORY_MB} MiB and {@value #THREE_BROKER_CORES} cores are available, else one:
     * on two cores the bench measured three brokers taking about 0.75 of a core that the pipeline needed. A home
     * whose stack was stopped with its data keeps the count it was started with: its topics' replicas and its KRaft
     * quorum were made for those brokers.
     */
    static int brokers(RideopsConfig config, LongSupplier availableMemoryMb, int cores) {
        String value = config.get(Setting.KAFKA_BROKERS).toLowerCase(Locale.ROOT);
        if (!value.equals("auto")) {
            return Integer.parseInt(value);
        }
        Optional<StackSpec> kept = Stack.savedSpec(config.home());
        if (kept.isPresent()) {
            return kept.get().kafka().brokers();
        }
        return availableMemoryMb.getAsLong() >= THREE_BROKER_MEMORY_MB && cores >= THREE_BROKER_CORES ? 3 : 1;
    }

    static final long THREE_BROKER_MEMORY_MB = 12 * 1024;
    static final int THREE_BROKER_CORES = 4;

    /** Why the stack runs its number of brokers, for commands to say; empty when it was asked for. */
    public static String brokersChosenBy(RideopsConfig config) {
        if (!config.get(Setting.KAFKA_BROKERS).equalsIgnoreCase("auto")) {
            return "";
        }
        return Stack.savedSpec(config.home()).isPresent()
                ? " (as this home's stack was first started; 'rideops down --purge' to choose again)"
                : " (chosen by available memory and cores; --brokers to change)";
    }
}
