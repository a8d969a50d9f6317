package dev.rideops.job.functions;

import dev.rideops.contract.CdcContract;
import dev.rideops.job.cdc.DeadLetter;
import dev.rideops.job.cdc.Decoded;
import dev.rideops.job.cdc.SourceEvent;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.OutputTag;

/**
 * Splits what the source decoded: events go on, dead letters to their own output with their reason (they never stop
 * the job). Counts both, and the records decoded per CDC topic (a table's topic that stops counting stopped
 * flowing); dead letters per topic and reason are counted by {@link CountDeadLetters}.
 */
public class DecodeFunction extends ProcessFunction<Decoded, SourceEvent> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    /** Per topic, as the label {@code topic} of {@code flink_taskmanager_job_task_operator_topic_rideops_decoded}. */
    public static final String DECODED = "rideops_decoded";

    private transient Counter eventsIn;
    private transient Counter deadLettered;
    private transient Map<String, Counter> decodedByTable;

    @Override
    public void open(Configuration parameters) {
        eventsIn = getRuntimeContext().getMetricGroup().counter("rideops_events_in");
        deadLettered = getRuntimeContext().getMetricGroup().counter("rideops_dead_lettered");
        decodedByTable = new HashMap<>();
    }

    @Override
    public void processElement(Decoded decoded, Context ctx, org.apache.flink.util.Collector<SourceEvent> out) {
        eventsIn.inc();
        if (decoded.event != null) {
            decodedByTable
                    .computeIfAbsent(
                            decoded.event.table,
                            table -> getRuntimeContext()
                                    .getMetricGroup()
                                    .addGroup("topic", CdcContract.topic("public." + table))
                                    .counter(DECODED))
                    .inc();
            out.collect(decoded.event);
        } else {
            deadLettered.inc();
            ctx.output(DEAD_LETTERS, decoded.deadLetter);
        }
    }
}
