package dev.rideops.job.kpi;

/** UTC buckets by event time, in epoch microseconds. */
public enum Granularity {
    MINUTE(60_000_000L),
    HOUR(3_600_000_000L);

    private final long micros;

    Granularity(long micros) {
        this.micros = micros;
    }

    public long bucketStart(long eventMicros) {
        return Math.floorDiv(eventMicros, micros) * micros;
    }

    public long bucketEnd(long bucketStart) {
        return bucketStart + micros;
    }
}
