package dev.rideops.cli.verify;

/** Counts must match exactly; sums, means and ratios within 1e-6 relative (the contract's rule). */
final class Tolerance {

    static final double RELATIVE = 1e-6;

    private Tolerance() {}

    /** How far apart two values are: 0 when equal, relative difference otherwise; absent vs present is infinite. */
    static double difference(Double expected, Double actual) {
        if (expected == null || actual == null) {
            return expected == actual ? 0 : Double.POSITIVE_INFINITY;
        }
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        return scale == 0 ? 0 : Math.abs(expected - actual) / scale;
    }

    static boolean matches(MetricDefinitions.Kind kind, Double expected, Double actual) {
        double d = difference(expected, actual);
        return kind == MetricDefinitions.Kind.COUNT ? d == 0 : d <= RELATIVE;
    }
}
