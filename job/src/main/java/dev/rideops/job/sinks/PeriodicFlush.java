package dev.rideops.job.sinks;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;

/**
 * Calls a sink writer's flush every period on the operator's processing-time service. The callback runs in the
 * task's mailbox thread, between {@code write} calls, so the writer's buffers need no locking.
 */
final class PeriodicFlush {

    private PeriodicFlush() {}

    static void every(ProcessingTimeService time, long periodMs, ProcessingTimeCallback flush) {
        time.registerTimer(time.getCurrentProcessingTime() + periodMs, now -> {
            flush.onProcessingTime(now);
            every(time, periodMs, flush);
        });
    }
}
