package dev.rideops.cli.pipeline;

import dev.rideops.clients.prometheus.PrometheusQueries;
import dev.rideops.contract.CdcContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The CDC connector's snapshot as Debezium reports it (its snapshot MBean, exported by Connect's JMX agent as
 * {@code debezium_postgres_snapshot_*}, read from Prometheus): the initial one after a deploy, or a
 * {@code connector resnapshot}. The figures hold until the connector's task restarts.
 *
 * @param state {@link #RUNNING}, {@link #COMPLETED}, {@link #ABORTED}, {@link #SKIPPED} (the connector's offsets
 *     already hold one) or {@link #NOT_STARTED}
 * @param durationSeconds from its start to its end, or to now while it runs
 */
public record ConnectorSnapshot(
        String state, long tables, long remainingTables, long eventsSeen, long durationSeconds) {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String ABORTED = "aborted";
    public static final String SKIPPED = "skipped";
    public static final String NOT_STARTED = "not started";

    private static final String PREFIX = "debezium_postgres_snapshot_";

    /** Every series the state and progress need, of the connector's logical server only. */
    static final String QUERY = "{__name__=~\"" + PREFIX
            + "(running|completed|aborted|skipped|tables|remaining_tables|events_seen_total|duration_seconds)\","
            + "server=\"" + CdcContract.TOPIC_PREFIX + "\"}";

    /** What Prometheus holds now; empty when it has no snapshot series (Connect not scraped, no connector). */
    public static Optional<ConnectorSnapshot> read(PrometheusQueries prometheus) {
        return of(prometheus.instant(QUERY));
    }

    static Optional<ConnectorSnapshot> of(List<PrometheusQueries.Sample> samples) {
        // one value per series name; a second scrape target of the same worker would only repeat it
        Map<String, Double> values = samples.stream()
                .collect(Collectors.toMap(
                        s -> s.labels().getOrDefault("__name__", "").substring(PREFIX.length()),
                        PrometheusQueries.Sample::value,
                        Math::max));
        if (values.isEmpty()) {
            return Optional.empty();
        }
        String state = set(values, "running")
                ? RUNNING
                : set(values, "completed")
                        ? COMPLETED
                        : set(values, "aborted") ? ABORTED : set(values, "skipped") ? SKIPPED : NOT_STARTED;
        return Optional.of(new ConnectorSnapshot(
                state,
                figure(values, "tables"),
                figure(values, "remaining_tables"),
                figure(values, "events_seen_total"),
                figure(values, "duration_seconds")));
    }

    private static boolean set(Map<String, Double> values, String flag) {
        return values.getOrDefault(flag, 0.0) >= 1;
    }

    private static long figure(Map<String, Double> values, String name) {
        return Math.round(values.getOrDefault(name, 0.0));
    }
}
