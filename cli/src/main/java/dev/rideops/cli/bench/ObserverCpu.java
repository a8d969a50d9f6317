package dev.rideops.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * CPU the bench spends watching rather than loading: its Kafka tail and its output pollers, threads a pipeline without
 * the bench would not have. Kept apart from the generator's so the pipeline's cost per change is not inflated by
 * the instrument measuring it. Per thread from the JVM's thread CPU clock; a thread that ended since the last sample
 * loses its last few milliseconds (a step's tail and pollers end once, at its end).
 */
final class ObserverCpu {

    private static final Set<String> THREADS = Set.of(KafkaArrivals.THREAD, OutputPollers.THREAD);

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> lastNanos = new HashMap<>();

    ObserverCpu() {
        nanosSinceLast();
    }

    /** CPU nanoseconds the observing threads used since the last call (a thread first seen counts from its start). */
    long nanosSinceLast() {
        if (!threads.isThreadCpuTimeSupported()) {
            return 0;
        }
        Map<Long, Long> now = new HashMap<>();
        long used = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info == null || !observing(info.getThreadName())) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) { // ended between the two calls
                continue;
            }
            now.put(info.getThreadId(), cpu);
            used += cpu - lastNanos.getOrDefault(info.getThreadId(), 0L);
        }
        lastNanos = now;
        return Math.max(0, used);
    }

    static boolean observing(String threadName) {
        return THREADS.contains(threadName);
    }
}
