package dev.rideops.cli.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One look at whether the pipeline flows, for {@code status} and {@code wait --for pipeline}: the job's state, how
 * old its newest checkpoint is, the consumer lag and the snapshot's freshness, each against the health limits
 * ({@code health.max-lag-records}, {@code health.max-freshness-seconds}); the connector, dead letters and firing
 * alerts ({@link PipelineSignals}). Unknown figures are null. The lag's age ({@code lagSeconds}: how long the oldest
 * change the job has not committed has waited, as the exporter's {@code rideops_consumer_lag_seconds}) is shown, not
 * judged: its limit is the {@code RideopsConsumerLagOld} alert's.
 */
public record PipelineStatus(
        String jobId,
        String jobState,
        Long lastCheckpointAgeSeconds,
        Long lagRecords,
        Double lagSeconds,
        Double freshnessSeconds,
        long maxLagRecords,
        long maxFreshnessSeconds,
        PipelineSignals signals,
        List<String> problems,
        List<String> refusedLogins) {

    /** The problem of a lag no one could read; a refused Kafka login replaces it (the longer {@code of}). */
    public static final String LAG_UNKNOWN = "consumer lag unknown (no offsets committed yet)";
    /** The problem of a freshness no one could read; a refused database login replaces it. */
    public static final String SNAPSHOT_UNKNOWN = "the snapshot is empty or unreadable";

    public PipelineStatus {
        problems = List.copyOf(problems);
        refusedLogins = List.copyOf(refusedLogins);
    }

    /** Whether the job is deployed (alive on the cluster), so status shows a pipeline section. */
    public boolean deployed() {
        return jobId != null;
    }

    @JsonProperty("healthy")
    public boolean healthy() {
        return problems.isEmpty();
    }

    /** The figures as they were read; the problems follow from them and the limits. */
    public static PipelineStatus of(
            String jobId,
            String jobState,
            Long lastCheckpointAgeSeconds,
            Long lagRecords,
            Double lagSeconds,
            Double freshnessSeconds,
            long maxLagRecords,
            long maxFreshnessSeconds) {
        return of(
                jobId,
                jobState,
                lastCheckpointAgeSeconds,
                lagRecords,
                lagSeconds,
                freshnessSeconds,
                maxLagRecords,
                maxFreshnessSeconds,
                PipelineSignals.UNKNOWN,
                Map.of());
    }

    /**
     * As above, with the connector, dead letters and alerts (a connector that does not run is a problem), and the
     * logins a component refused while the look was taken: each, keyed by the problem its unknown figure would
     * otherwise show ({@link #LAG_UNKNOWN}, {@link #SNAPSHOT_UNKNOWN}), replaces that problem, so status says what to
     * fix rather than "unknown"; the others (the connector, dead letters) are added. A refused login is never ready:
     * {@code wait} stops at it.
     */
    public static PipelineStatus of(
            String jobId,
            String jobState,
            Long lastCheckpointAgeSeconds,
            Long lagRecords,
            Double lagSeconds,
            Double freshnessSeconds,
            long maxLagRecords,
            long maxFreshnessSeconds,
            PipelineSignals signals,
            Map<String, String> refusedByProblem) {
        List<String> problems = new ArrayList<>();
        if (jobId == null) {
            problems.add("the job is not deployed (rideops deploy)");
        } else {
            if (!"RUNNING".equals(jobState)) {
                problems.add("the job is " + (jobState == null ? "not answering" : jobState));
            }
            if (lastCheckpointAgeSeconds == null) {
                problems.add("no checkpoint completed yet");
            }
            if (lagRecords == null) {
                problems.add(LAG_UNKNOWN);
            } else if (lagRecords > maxLagRecords) {
                problems.add("consumer lag " + lagRecords + " records > " + maxLagRecords);
            }
            if (freshnessSeconds == null) {
                problems.add(SNAPSHOT_UNKNOWN);
            } else if (freshnessSeconds > maxFreshnessSeconds) {
                problems.add(String.format(
                        Locale.ROOT, "snapshot %.1f s behind > %d s", freshnessSeconds, maxFreshnessSeconds));
            }
        }
        problems.addAll(signals.problems());
        return new PipelineStatus(
                jobId,
                jobState,
                lastCheckpointAgeSeconds,
                lagRecords,
                lagSeconds,
                freshnessSeconds,
                maxLagRecords,
                maxFreshnessSeconds,
                signals,
                explained(problems, refusedByProblem),
                refusedByProblem.values().stream().distinct().toList());
    }

    /** The problems with each refused login in place of the unknown figure it caused, the other refusals added. */
    private static List<String> explained(List<String> problems, Map<String, String> refusedByProblem) {
        List<String> explained = new ArrayList<>();
        Map<String, String> left = new LinkedHashMap<>(refusedByProblem);
        for (String problem : problems) {
            String refused = left.remove(problem);
            explained.add(refused == null ? problem : refused);
        }
        // one refusal met by two reads (Kafka's lag and its dead letters) is one line
        left.values().stream()
                .filter(line -> !explained.contains(line))
                .distinct()
                .forEach(explained::add);
        return explained;
    }
}
