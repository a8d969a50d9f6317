package dev.rideops.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.rideops.scenarios.Volume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Load held around a fault, measured with the bench's machinery: a warm-up at the rate, a stretch {@code before}
 * the fault, the fault itself on its own thread while the generator keeps writing ({@code during}, until the fault's
 * code returns: the service is back and the pipeline caught up), and a stretch {@code after} it. Each phase has its
 * own commit-to-snapshot latency histogram, achieved rate and peak consumer lag.
 */
public final class FaultLoad {

    /** Shorter than a bench's intervals: a recovery of 20 s must show as more than two points. */
    static final Duration INTERVAL = Duration.ofSeconds(5);

    /**
     * Below this share of the target rate before the fault, the rate is not one this machine reaches. It is judged
     * over the warm-up and the stretch before together: a small city's rate swings by half over 5-second intervals
     * on two busy cores (260/s right after 703/s at 500/s), and a catch-up after a dip is the rate being held.
     */
    static final double REACHABLE_SHARE = 0.75;

    private FaultLoad() {}

    public enum Phase {
        WARMUP,
        BEFORE,
        DURING,
        AFTER;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The rate, the city it plays, how long each phase around the fault lasts, and whether a background generator
     * taken over for it starts again afterwards.
     */
    public record Plan(
            int eps,
            Volume volume,
            long seed,
            Duration warmup,
            Duration before,
            Duration after,
            boolean resumeGenerator) {
        public Plan {
            if (eps <= 0) {
                throw new IllegalArgumentException("--eps must be a positive rate, was " + eps);
            }
        }
    }

    /** One phase's figures: its length, the rate achieved in it, snapshot latency, the highest consumer lag. */
    public record PhaseFigures(
            Phase phase,
            double seconds,
            double achievedEps,
            @JsonProperty("snapshot_ms") Percentiles snapshotMs,
            long peakConsumerLag) {}

    /** One interval of the timeline and the phase it belongs to. */
    public record PhasedInterval(Phase phase, Interval interval) {}

    /**
     * What was measured: the fault's own result, when it began and ended (seconds from the start of the load), the
     * figures of each phase, the peak consumer lag from the fault on, commits never seen in the mart, the timeline.
     */
    public record Measured<T>(
            T fault,
            int targetEps,
            double faultStartS,
            double faultEndS,
            List<PhaseFigures> phases,
            long peakConsumerLag,
            long notVisibleAtEnd,
            List<PhasedInterval> intervals) {}

    /**
     * A measurement and verify's verdict on its window (null when verify was skipped), with the checks that found
     * differences.
     */
    public record Result<T>(
            Measured<T> measured, Boolean verifyPassed, Long verifyMismatches, List<String> verifyFailedChecks) {

        public Result {
            verifyFailedChecks = verifyFailedChecks == null ? List.of() : List.copyOf(verifyFailedChecks);
        }
    }

    /**
     * The phase of the interval from {@code startNanos} to {@code endNanos}, given when the fault began and ended
     * (-1: not yet). The fault begins on an interval boundary; the interval in which it ends is still during it.
     */
    static Phase phaseOf(long startNanos, long endNanos, long faultStartNanos, long faultEndNanos) {
        if (faultStartNanos < 0 || endNanos <= faultStartNanos) {
            return Phase.BEFORE;
        }
        if (faultEndNanos < 0 || faultEndNanos > startNanos) {
            return Phase.DURING;
        }
        return Phase.AFTER;
    }

    /** The columns of {@link #phaseRows}. */
    public static final List<String> PHASE_HEADER =
            List.of("PHASE", "LENGTH", "ACHIEVED/S", "SNAPSHOT p95/p99/max ms", "PEAK LAG");

    /** The human table of phases: one row per phase (a fault's, or the cohort batch's under a bench). */
    public static List<String[]> phaseRows(List<PhaseFigures> phases) {
        List<String[]> rows = new ArrayList<>();
        for (PhaseFigures p : phases) {
            Percentiles s = p.snapshotMs();
            rows.add(new String[] {
                p.phase().toString(),
                String.format(Locale.ROOT, "%.0f s", p.seconds()),
                String.format(Locale.ROOT, "%.1f", p.achievedEps()),
                s.count() == 0 ? "-" : s.p95() + " / " + s.p99() + " / " + s.max(),
                p.peakConsumerLag() < 0 ? "?" : Long.toString(p.peakConsumerLag())
            });
        }
        return rows;
    }

    /** Whether {@code achieved} before the fault is close enough to the target to call the rate held. */
    static boolean reachable(double achieved, int target) {
        return achieved >= REACHABLE_SHARE * target;
    }

    /** Sums intervals into their phases. */
    static final class Phases {

        private final Map<Phase, Histogram> snapshot = new EnumMap<>(Phase.class);
        private final Map<Phase, long[]> nanosAndCommits = new EnumMap<>(Phase.class);
        private final Map<Phase, Long> peakLag = new EnumMap<>(Phase.class);
        private final List<PhasedInterval> timeline = new ArrayList<>();

        void add(Phase phase, Interval interval, Histogram snapshotMicros, long nanos, long commits) {
            snapshot.computeIfAbsent(phase, p -> new Histogram(VisibilityTracker.HIGHEST_MICROS, 3))
                    .add(snapshotMicros);
            long[] sums = nanosAndCommits.computeIfAbsent(phase, p -> new long[2]);
            sums[0] += nanos;
            sums[1] += commits;
            peakLag.merge(phase, interval.consumerLag(), Math::max);
            timeline.add(new PhasedInterval(phase, interval));
        }

        double achievedEps(Phase phase) {
            long[] sums = nanosAndCommits.get(phase);
            return sums == null || sums[0] == 0 ? 0 : Math.round(sums[1] / (sums[0] / 1e9) * 10) / 10.0;
        }

        /** The rate over the warm-up and the stretch before the fault together, what {@link #reachable} judges. */
        double achievedEpsBeforeTheFault() {
            long nanos = 0;
            long commits = 0;
            for (Phase phase : List.of(Phase.WARMUP, Phase.BEFORE)) {
                long[] sums = nanosAndCommits.getOrDefault(phase, new long[2]);
                nanos += sums[0];
                commits += sums[1];
            }
            return nanos == 0 ? 0 : Math.round(commits / (nanos / 1e9) * 10) / 10.0;
        }

        /** The phases that had intervals, warm-up left out. */
        List<PhaseFigures> figures() {
            List<PhaseFigures> result = new ArrayList<>();
            for (Phase p : List.of(Phase.BEFORE, Phase.DURING, Phase.AFTER)) {
                long[] sums = nanosAndCommits.get(p);
                if (sums != null) {
                    result.add(new PhaseFigures(
                            p,
                            Math.round(sums[0] / 1e8) / 10.0,
                            achievedEps(p),
                            Percentiles.of(snapshot.get(p)),
                            peakLag.getOrDefault(p, -1L)));
                }
            }
            return result;
        }

        /** The highest consumer lag from the fault on (-1: unknown). */
        long peakLagFromFault() {
            return Math.max(peakLag.getOrDefault(Phase.DURING, -1L), peakLag.getOrDefault(Phase.AFTER, -1L));
        }

        List<PhasedInterval> timeline() {
            return List.copyOf(timeline);
        }
    }
}
