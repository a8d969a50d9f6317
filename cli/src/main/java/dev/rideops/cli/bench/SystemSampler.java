package dev.rideops.cli.bench;

import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.clients.kafka.ConsumerLag;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.clients.source.ReplicationSlots;
import dev.rideops.contract.CdcContract;
import dev.rideops.contract.JobContract;
import dev.rideops.stack.Stack;
import dev.rideops.stack.os.CpuTime;
import dev.rideops.stack.os.MemoryInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Samples the pipeline's state at the end of each interval: CDC lag (WAL written but not confirmed by the
 * connector's slot), the job's consumer lag per topic, its newest checkpoint's duration, its most back-pressured
 * operator, and CPU (cores used since the last sample) and RSS per local service and of this process, as
 * {@value #BENCH}: the bench's generator runs here and is part of what the pipeline costs. The threads that only watch
 * ({@link ObserverCpu}) are taken out of it and counted as {@value #OBSERVER}, which is not part of that cost.
 */
final class SystemSampler {

    /**
     * {@code consumerLag} is what the job's source has not fetched yet (live); {@code committedLagByTopic} is per
     * topic from the offsets the job commits on checkpoints (so up to a checkpoint interval behind).
     */
    record Sample(
            long cdcLagBytes,
            long consumerLag,
            Map<String, Long> committedLagByTopic,
            long checkpointMs,
            long stateBytes,
            long tmHeapUsedBytes,
            double backpressure,
            String backpressuredOperator,
            Map<String, Double> cpuCores,
            Map<String, Long> rssMb) {}

    static final String BENCH = "bench";
    static final String OBSERVER = "bench-observer";

    private static final Path PROC = Path.of("/proc");

    private final Connection source;
    private final FlinkJob flink;
    private final String jobId;
    private final KafkaAccess kafka;
    private final Stack localStack;
    private final Map<String, Long> lastTicks = new HashMap<>();
    private final ObserverCpu observer = new ObserverCpu();
    private long lastSampleNanos = System.nanoTime();

    /** {@code localStack} is null against remote services: no per-service CPU and RSS then. */
    SystemSampler(Connection source, FlinkJob flink, String jobId, KafkaAccess kafka, Stack localStack) {
        this.source = source;
        this.flink = flink;
        this.jobId = jobId;
        this.kafka = kafka;
        this.localStack = localStack;
        resources(new TreeMap<>(), new TreeMap<>());
    }

    Sample sample() {
        Map<String, Double> cpu = new TreeMap<>();
        Map<String, Long> rss = new TreeMap<>();
        resources(cpu, rss);
        Map.Entry<String, Double> backpressure = safeBackpressure();
        Map<String, Long> committed;
        try {
            committed = ConsumerLag.byTopic(kafka, JobContract.GROUP_ID);
        } catch (dev.rideops.clients.ClientException refused) {
            // a sample never fails the bench: the lag is unknown, as when Kafka does not answer
            committed = Map.of();
        }
        long live = pendingRecords();
        if (live < 0 && !committed.isEmpty()) {
            live = committed.values().stream().mapToLong(Long::longValue).sum();
        }
        return new Sample(
                cdcLagBytes(),
                live,
                committed,
                checkpointMs(),
                orUnknown(() -> flink.latestCheckpointStateBytes(jobId)),
                orUnknown(flink::taskManagerHeapUsedBytes),
                backpressure.getValue(),
                backpressure.getKey(),
                cpu,
                rss);
    }

    private long cdcLagBytes() {
        return ReplicationSlots.lagBytes(source, CdcContract.SLOT);
    }

    private long pendingRecords() {
        return orUnknown(() -> flink.sourcePendingRecords(jobId));
    }

    private long checkpointMs() {
        return orUnknown(() -> flink.latestCheckpointMs(jobId));
    }

    /** A figure the cluster may not answer for right now (restarting, say): -1, and the bench goes on. */
    private static long orUnknown(java.util.function.LongSupplier figure) {
        try {
            return figure.getAsLong();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private Map.Entry<String, Double> safeBackpressure() {
        try {
            return flink.maxBackpressure(jobId);
        } catch (RuntimeException e) {
            return Map.entry("", -1.0);
        }
    }

    private void resources(Map<String, Double> cpu, Map<String, Long> rss) {
        if (localStack == null) {
            return;
        }
        long now = System.nanoTime();
        double seconds = Math.max(0.001, (now - lastSampleNanos) / 1e9);
        lastSampleNanos = now;
        for (Stack.Usage s : localStack.usage()) {
            cores(s.service(), s.pid(), seconds, cpu);
            rss.put(s.service(), s.rssMb());
        }
        long self = ProcessHandle.current().pid();
        cores(BENCH, self, seconds, cpu);
        double watching = observer.nanosSinceLast() / 1e9 / seconds;
        Double all = cpu.get(BENCH);
        if (all != null) {
            cpu.put(BENCH, hundredths(Math.max(0, all - watching)));
            cpu.put(OBSERVER, hundredths(watching));
        }
        rss.put(BENCH, MemoryInfo.rssMb(PROC, self).orElse(0));
    }

    /** Cores the process tree used since the last sample; nothing on its first. */
    private void cores(String name, long pid, double seconds, Map<String, Double> cpu) {
        long ticks = CpuTime.treeTicks(PROC, pid);
        Long before = lastTicks.put(name, ticks);
        if (before != null) {
            // a child that exited unreaped between samples can still make the total dip: never below 0
            cpu.put(name, Math.max(0, hundredths((ticks - before) / (double) CpuTime.TICKS_PER_SECOND / seconds)));
        }
    }

    private static double hundredths(double cores) {
        return Math.round(cores * 100) / 100.0;
    }
}
