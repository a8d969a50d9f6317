package dev.rideops.cli.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        List<String> problems) {

    public PipelineStatus {
        problems = List.copyOf(problems);
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
                PipelineSignals.UNKNOWN);
    }

    /** As above, with the connector, dead letters and alerts; a connector that does not run is a problem. */
    public static PipelineStatus of(
            String jobId,
            String jobState,
            Long lastCheckpointAgeSeconds,
            Long lagRecords,
            Double lagSeconds,
            Double freshnessSeconds,
            long maxLagRecords,
            long maxFreshnessSeconds,
            PipelineSignals signals) {
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
                problems.add("consumer lag unknown (no offsets committed yet)");
            } else if (lagRecords > maxLagRecords) {
                problems.add("consumer lag " + lagRecords + " records > " + maxLagRecords);
            }
            if (freshnessSeconds == null) {
                problems.add("the snapshot is empty or unreadable");
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
                problems);
    }
}
