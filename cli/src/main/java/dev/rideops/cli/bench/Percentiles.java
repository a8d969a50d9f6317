package dev.rideops.cli.bench;

import org.HdrHistogram.Histogram;

/** The latency figures of a histogram of microseconds, in milliseconds; null figures when it is empty. */
public record Percentiles(long count, Double p50, Double p95, Double p99, Double p999, Double max) {

    public static Percentiles of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Percentiles(0, null, null, null, null, null);
        }
        return new Percentiles(
                micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}
