package dev.rideops.job.kpi;

/**
 * The members of one bucket's distinct metrics, one entry per metric and member, so adding or taking back a member
 * touches that entry alone. The Flink operator keeps them in a {@code MapState}; tests in a set.
 */
public interface BucketMembers {

    /** Adds the member; returns whether it was not there yet. */
    boolean add(Metric metric, long member) throws Exception;

    /** Removes the member; returns whether it was there. */
    boolean remove(Metric metric, long member) throws Exception;

    /** Forgets every member of the bucket (its counts are in {@link BucketTotals}). */
    void clear() throws Exception;
}
