package dev.rideops.cli.verify;

import java.time.Instant;
import java.util.Map;

/** A bucket of {@code mart.fact_metric_bucket}: granularity and UTC start. */
public record BucketKey(String granularity, Instant start) implements Comparable<BucketKey> {

    @Override
    public int compareTo(BucketKey o) {
        int byStart = start.compareTo(o.start);
        return byStart != 0 ? byStart : granularity.compareTo(o.granularity);
    }

    /** As a {@link Mismatch}'s key. */
    Map<String, Object> asKey() {
        return Mismatch.key("granularity", granularity, "start", start.toString());
    }

    @Override
    public String toString() {
        return granularity + " " + start;
    }
}
