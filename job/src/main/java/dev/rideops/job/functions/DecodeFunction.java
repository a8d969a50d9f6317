package dev.rideops.job.functions;

import dev.rideops.job.cdc.DeadLetter;
import dev.rideops.job.cdc.Decoded;
import dev.rideops.job.cdc.SourceEvent;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.OutputTag;

/**
 * Splits what the source decoded: events go on, dead letters to their own output with their reason (they never stop
 * the job). Counts both.
 */
public class DecodeFunction extends ProcessFunction<Decoded, SourceEvent> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private transient Counter eventsIn;
    private transient Counter deadLettered;

    @Override
    public void open(Configuration parameters) {
        eventsIn = getRuntimeContext().getMetricGroup().counter("rideops_events_in");
        deadLettered = getRuntimeContext().getMetricGroup().counter("rideops_dead_lettered");
    }

    @Override
    public void processElement(Decoded decoded, Context ctx, org.apache.flink.util.Collector<SourceEvent> out) {
        eventsIn.inc();
        if (decoded.event != null) {
            out.collect(decoded.event);
        } else {
            deadLettered.inc();
            ctx.output(DEAD_LETTERS, decoded.deadLetter);
        }
    }
}
