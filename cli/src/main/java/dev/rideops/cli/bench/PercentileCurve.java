package dev.rideops.cli.bench;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency distribution as HdrHistogram plots it: latency (ms) against percentile, with the percentile drawn as
 * {@code 1 / (1 - p)} on a log axis so 90 %, 99 %, 99.9 % ... are evenly spaced and the tail gets room.
 */
final class PercentileCurve {

    /** Points per halving of the distance to 100 %, as HdrHistogram's percentile output uses. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private PercentileCurve() {}

    /** {x = 1 / (1 - p), y = ms} points of a histogram of microseconds; none for an empty one. */
    static List<double[]> of(Histogram micros) {
        List<double[]> points = new ArrayList<>();
        if (micros.getTotalCount() == 0) {
            return points;
        }
        for (HistogramIterationValue v : micros.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double p = v.getPercentileLevelIteratedTo() / 100;
            if (p >= 1) {
                break; // at 100 % the axis is infinite: the max is in the table
            }
            points.add(new double[] {
                Math.round(1 / (1 - p) * 1000) / 1000.0, Math.round(v.getValueIteratedTo() / 100.0) / 10.0
            });
        }
        return points;
    }
}
