package dev.rideops.cli.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rideops.cli.batch.BatchRun;
import dev.rideops.cli.batch.CohortBatchRun;
import dev.rideops.cli.error.UsageException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cohort batch for one day run during a fixed-rate bench ({@code bench --batch-cohort}), to see what the daily
 * batch costs the stream. The measured part is split as chaos splits a fault's load ({@link FaultLoad}): a third
 * of {@code --duration} before the batch starts, the batch (until its Flink job ends, at most {@code timeout}), and
 * the rest after it, at least a third of {@code --duration}, so the measured window always covers the whole batch.
 */
public final class BatchUnderLoad {

    /** The day to compute and the bound on the batch: its job is cancelled then, as 'batch cohort --timeout' does. */
    public record Plan(LocalDate day, Duration timeout) {}

    /** What the cohort batch run returned, and when it began and ended on the wall clock. */
    record Ran(CohortBatchRun.Result result, Instant startedAt, Instant finishedAt) {}

    /**
     * The batch as result.json shows it. {@code state}: how its Flink job ended (FINISHED, FAILED, CANCELED: the
     * timeout); {@code seconds}: submission to end, as 'batch cohort' reports it; {@code startS}/{@code endS}: when
     * it began and ended in seconds since the step started, the time axis of intervals.csv and report.html;
     * {@code phases}: the stream before, during and after it, as chaos reports a fault's; {@code coresDuring}: CPU
     * cores per local service averaged over the intervals during it (empty against remote services).
     * {@code intervalPhases}: the phase of each of the step's intervals, in order, for intervals.csv.
     */
    public record Result(
            String date,
            String state,
            boolean succeeded,
            String flinkJobId,
            String startedAt,
            String finishedAt,
            double seconds,
            @JsonProperty("start_s") double startSeconds,
            @JsonProperty("end_s") double endSeconds,
            Map<String, Long> rowsWritten,
            String error,
            List<FaultLoad.PhaseFigures> phases,
            Map<String, Double> coresDuring,
            @JsonIgnore List<FaultLoad.Phase> intervalPhases) {

        /** The snapshot p99 in one phase (null: the phase has no interval or saw no change). */
        public Double p99(FaultLoad.Phase phase) {
            return phases.stream()
                    .filter(p -> p.phase() == phase)
                    .findFirst()
                    .map(p -> p.snapshotMs().p99())
                    .orElse(null);
        }
    }

    private BatchUnderLoad() {}

    /** How long the stream is measured before the batch starts, and at least after it ends. */
    static Duration stretch(Duration duration) {
        return duration.dividedBy(3);
    }

    /**
     * Refuses a {@code --duration} whose third is shorter than one interval: there would be nothing to compare the
     * batch's window with.
     */
    public static void requireLongEnough(Duration duration) {
        if (stretch(duration).compareTo(StepSequence.INTERVAL) < 0) {
            Duration least = StepSequence.INTERVAL.multipliedBy(3);
            throw new UsageException(
                    "--duration " + duration.toSeconds() + "s is too short to measure around the cohort batch: a "
                            + "third of it runs before the batch and at least a third after it, each at least one "
                            + StepSequence.INTERVAL.toSeconds() + " s interval",
                    "give --duration " + least.toSeconds() + "s or more (default 3m)");
        }
    }

    static Result of(FaultLoad.Measured<Ran> measured) {
        Ran ran = measured.fault();
        CohortBatchRun.Result r = ran.result();
        return new Result(
                r.from().toString(),
                r.state(),
                r.succeeded(),
                r.flinkJobId(),
                ran.startedAt().toString(),
                ran.finishedAt().toString(),
                r.seconds(),
                measured.faultStartS(),
                measured.faultEndS(),
                r.rowsWritten(),
                r.succeeded() ? null : error(r),
                measured.phases(),
                coresDuring(measured.intervals()),
                measured.intervals().stream()
                        .map(FaultLoad.PhasedInterval::phase)
                        .toList());
    }

    /**
     * One line: the day, how the batch ended and how long it took, and the stream's snapshot p99 before, during and
     * after it.
     */
    public static String describe(Result b) {
        return String.format(
                Locale.ROOT,
                "cohort batch %s %s in %.1f s (%,d rows written), %.0f-%.0f s into the run; snapshot p99 before / "
                        + "during / after it: %s / %s / %s ms",
                b.date(),
                b.succeeded() ? "done" : b.state(),
                b.seconds(),
                b.rowsWritten().values().stream().mapToLong(Long::longValue).sum(),
                b.startSeconds(),
                b.endSeconds(),
                ms(b.p99(FaultLoad.Phase.BEFORE)),
                ms(b.p99(FaultLoad.Phase.DURING)),
                ms(b.p99(FaultLoad.Phase.AFTER)));
    }

    private static String ms(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.0f", value);
    }

    /** The batch's own error: the first failed day's, else how its job ended. */
    static String error(CohortBatchRun.Result r) {
        return r.days().stream()
                .filter(d -> d.error() != null)
                .map(BatchRun::error)
                .findFirst()
                .orElse("Flink job " + r.flinkJobId() + " " + r.state());
    }

    /** Cores per service over the intervals during the batch, weighted by their length. */
    static Map<String, Double> coresDuring(List<FaultLoad.PhasedInterval> timeline) {
        Map<String, Double> coreSeconds = new TreeMap<>();
        double seconds = 0;
        double previousEnd = 0;
        for (FaultLoad.PhasedInterval p : timeline) {
            double length = p.interval().endSeconds() - previousEnd;
            previousEnd = p.interval().endSeconds();
            if (p.phase() != FaultLoad.Phase.DURING) {
                continue;
            }
            seconds += length;
            p.interval()
                    .cpuCores()
                    .forEach((service, cores) -> coreSeconds.merge(service, cores * length, Double::sum));
        }
        if (seconds <= 0) {
            return Map.of();
        }
        Map<String, Double> mean = new TreeMap<>();
        double total = seconds;
        coreSeconds.forEach((service, cs) -> mean.put(service, Math.round(cs / total * 1000) / 1000.0));
        return Collections.unmodifiableMap(mean);
    }
}
