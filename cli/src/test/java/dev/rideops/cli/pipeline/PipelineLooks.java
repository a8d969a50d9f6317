package dev.rideops.cli.pipeline;

import java.util.Map;

/**
 * Pipeline looks for tests: the job running and checkpointed, 120 records behind of 50,000 allowed and the snapshot
 * 1.5 s behind of 30 s, so the problems a test sees come from the signals it gives.
 */
public final class PipelineLooks {

    private PipelineLooks() {}

    /** Flowing, with the connector, dead letters and alerts unknown. */
    public static PipelineStatus flowing() {
        return flowingWith(PipelineSignals.UNKNOWN);
    }

    public static PipelineStatus flowingWith(PipelineSignals signals) {
        return PipelineStatus.of("j1", "RUNNING", 3L, 120L, 4.0, 1.5, 50_000, 30, signals, Map.of());
    }
}
