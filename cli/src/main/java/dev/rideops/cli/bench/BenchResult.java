package dev.rideops.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A whole bench run as {@code result.json} and {@code --json} print it. The top-level figures are those of the
 * run's headline step (the only one for a fixed rate, else the last, or the highest that held in a search); ramps
 * and max searches keep every step. {@code sloPassed} is the verdict of a fixed-rate run given an SLO ({@link
 * SloVerdict}), null otherwise; {@code sloMisses} says what it missed. {@code meanPingIntervalSeconds}: seconds between
 * two pings of one online driver in the generated city. {@code localHour}: the hour on the city's clock as each step
 * starts, {@code localClock} "fixed" (the busy hour unless {@code --local-hour} says otherwise, on a Wednesday) or
 * "wall" ({@code --local-hour now}: the wall clock's hour as the bench started). {@code batch}: the cohort batch run
 * during the measured part ({@code --batch-cohort}), with the stream's figures before, during and after it; null
 * without it.
 */
public record BenchResult(
        String startedAt,
        BenchMode mode,
        String workload,
        int targetEps,
        double achievedEps,
        double warmupSeconds,
        boolean warmupSteady,
        StepResult.Latency latencyMs,
        long maxConsumerLag,
        long maxCdcLagBytes,
        boolean lagBounded,
        @JsonProperty("cores_per_1k_eps") Double coresPer1kEps,
        @JsonProperty("cores_per_1k_eps_by_service") Map<String, Double> coresPer1kEpsByService,
        Double meanPingIntervalSeconds,
        int localHour,
        String localClock,
        Boolean verifyPassed,
        Long verifyMismatches,
        Integer maxSustainableEps,
        Double sloMs,
        Boolean sloPassed,
        List<String> sloMisses,
        List<StepResult> steps,
        Map<String, Object> machine,
        Map<String, Object> config,
        List<String> method,
        BatchUnderLoad.Result batch) {}
