package dev.rideops.job.kpi;

import java.util.List;
import java.util.Locale;

/** Drivers by status as current-state counts: a status change moves one driver from one count to another. */
public final class DriverSnapshot {

    private DriverSnapshot() {}

    public static String metricOf(String status) {
        return "drivers_" + status.toLowerCase(Locale.ROOT);
    }

    /** The deltas of a driver moving from {@code previous} (null when first seen) to {@code current}. */
    public static void change(String previous, String current, long eventTime, List<SnapshotDelta> out) {
        if (current.equals(previous)) {
            return;
        }
        if (previous != null) {
            out.add(new SnapshotDelta(metricOf(previous), -1, eventTime));
        }
        out.add(new SnapshotDelta(metricOf(current), 1, eventTime));
    }
}
