package dev.rideops.job.kpi;

/** How a bucket metric is made from its contributions. */
public enum Aggregation {
    /** number of contributions */
    COUNT,
    /** sum of the contributed values */
    SUM,
    /** sum / count */
    MEAN,
    /** number of distinct members */
    DISTINCT,
    /** one metric of the bucket divided by another; absent while the denominator is 0 */
    RATIO
}
