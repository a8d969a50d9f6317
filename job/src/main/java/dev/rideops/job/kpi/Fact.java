package dev.rideops.job.kpi;

import java.io.Serializable;
import java.util.List;

/**
 * A kind of fact row that can change after it was counted (a payment refunded, a rating edited, either deleted): what
 * one image of it adds to the buckets, what kind of change brought it, and whether a delete's before-image is complete
 * enough to say what the row had added.
 *
 * @param <T> the row type
 */
public interface Fact<T> extends Serializable {

    /** What this image of the row adds to the buckets. */
    void contribute(T row, List<Contribution> out);

    /** The row's {@link dev.rideops.job.cdc.ChangeKind}. */
    byte change(T row);

    /** Whether the image has every column, not only the key a delete carries without REPLICA IDENTITY FULL. */
    boolean complete(T row);

    /** The row's key, for dead letters. */
    long key(T row);
}
