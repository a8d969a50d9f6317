package dev.rideops.job.kpi;

/** A change of a current-state count: {@code drivers_busy} +1, {@code open_bookings} -1, at an event time. */
public class SnapshotDelta {
    public String metric;
    public long delta;
    public long eventTime;

    public SnapshotDelta() {}

    public SnapshotDelta(String metric, long delta, long eventTime) {
        this.metric = metric;
        this.delta = delta;
        this.eventTime = eventTime;
    }
}
