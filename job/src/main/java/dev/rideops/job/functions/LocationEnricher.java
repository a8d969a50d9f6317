package dev.rideops.job.functions;

import dev.rideops.job.cdc.ChangeKind;
import dev.rideops.job.cdc.DriverRow;
import dev.rideops.job.cdc.LocationRow;
import dev.rideops.job.kpi.LocationDoc;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Gives each location ping its driver's status for the search documents: the status the ping itself carries (the
 * driver's status when it was recorded), else, for pings written before pings carried it, the newest status seen
 * on the drivers topic. The ping's own is preferred because the two topics are read in no particular order.
 */
public class LocationEnricher extends KeyedCoProcessFunction<Long, LocationRow, DriverRow, LocationDoc> {

    private final long horizonMs;
    private transient ValueState<String> status;
    private transient ValueState<Long> statusAt;

    /** A deleted driver's status is kept {@code horizonMs} of processing time for pings still in flight. */
    public LocationEnricher(long horizonMs) {
        this.horizonMs = horizonMs;
    }

    @Override
    public void open(Configuration parameters) {
        status = getRuntimeContext().getState(new ValueStateDescriptor<>("status", String.class));
        statusAt = getRuntimeContext().getState(new ValueStateDescriptor<>("status-at", Long.class));
    }

    @Override
    public void processElement1(LocationRow l, Context ctx, Collector<LocationDoc> out) throws Exception {
        LocationDoc doc = new LocationDoc();
        doc.eventId = l.eventId;
        doc.driverId = l.driverId;
        doc.lat = l.lat;
        doc.lon = l.lon;
        doc.speedKmh = l.speedKmh;
        doc.heading = l.heading;
        doc.recordedAt = l.recordedAt;
        doc.status = l.driverStatus != null ? l.driverStatus : status.value() == null ? "UNKNOWN" : status.value();
        out.collect(doc);
    }

    @Override
    public void processElement2(DriverRow d, Context ctx, Collector<LocationDoc> out) throws Exception {
        if (d.change == ChangeKind.DELETE) {
            // a deleted driver sends no more pings (ids are never reused); its newest status stays for any in flight
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + horizonMs);
            return;
        }
        Long at = statusAt.value();
        if (at == null || d.updatedAt >= at) {
            status.update(d.status);
            statusAt.update(d.updatedAt);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LocationDoc> out) {
        status.clear();
        statusAt.clear();
    }
}
