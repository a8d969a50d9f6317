package dev.rideops.job.functions;

import dev.rideops.job.cdc.CdcRecord;
import dev.rideops.job.cdc.DeadLetter;
import dev.rideops.job.cdc.DebeziumDecoder;
import dev.rideops.job.cdc.MalformedEventException;
import dev.rideops.job.cdc.SourceEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Decodes CDC records; a malformed one goes to the dead-letter output with its reason and never stops the job. */
public class DecodeFunction extends ProcessFunction<CdcRecord, SourceEvent> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final DebeziumDecoder decoder = new DebeziumDecoder();
    private transient Counter eventsIn;
    private transient Counter deadLettered;

    @Override
    public void open(Configuration parameters) {
        eventsIn = getRuntimeContext().getMetricGroup().counter("rideops_events_in");
        deadLettered = getRuntimeContext().getMetricGroup().counter("rideops_dead_lettered");
    }

    @Override
    public void processElement(CdcRecord record, Context ctx, Collector<SourceEvent> out) {
        eventsIn.inc();
        try {
            Optional<SourceEvent> event = decoder.decode(record.topic, record.value);
            event.ifPresent(out::collect);
        } catch (MalformedEventException e) {
            deadLettered.inc();
            String payload = record.value == null ? "" : new String(record.value, StandardCharsets.UTF_8);
            ctx.output(DEAD_LETTERS, new DeadLetter(record.topic, e.getMessage(), payload));
        }
    }
}
