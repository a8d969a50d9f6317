package dev.rideops.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How fast this machine's CPU is right now: the CPU milliseconds one fixed piece of work takes (sorting 2 million
 * random longs and counting them into a hash map, the kind of work the pipeline's JVMs do). A shared virtual machine
 * can run the same work twice as slowly from one hour to the next (a noisy neighbour on the same physical cores shows
 * as no steal time), and every CPU-per-change figure with it; a bench records this before and after its load so two
 * runs' cores per 1,000 changes/s are compared knowing how fast the machine was for each.
 */
final class CpuProbe {

    private static final int ROUNDS = 3;
    private static final int LONGS = 1 << 21;

    /** Keeps the work's result observable, so the JIT cannot drop the work. */
    @SuppressWarnings("unused")
    private static volatile long sink;

    private CpuProbe() {}

    /** The work's CPU milliseconds, the best of a few rounds (the first pays for the JIT). */
    static long millis() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long start = threads.getCurrentThreadCpuTime();
            sink = work();
            best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
        }
        return Math.max(1, best / 1_000_000);
    }

    private static long work() {
        long[] values = new SplittableRandom(42).longs(LONGS).toArray();
        Arrays.sort(values);
        Map<Long, Long> counts = new HashMap<>();
        for (int i = 0; i < LONGS; i += 4) {
            counts.merge(values[i] % 100_000, 1L, Long::sum);
        }
        return counts.size() + values[LONGS / 2];
    }
}
