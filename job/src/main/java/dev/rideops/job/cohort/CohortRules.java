package dev.rideops.job.cohort;

import java.io.Serializable;

/**
 * How the batch counts: a member is churned after {@code churnDays} days without activity; cohorts are computed up
 * to {@code maxDayOffset} days after their date; consecutive pings at most {@code onlineGapSeconds} apart count as
 * online time.
 */
public record CohortRules(int churnDays, int maxDayOffset, int onlineGapSeconds) implements Serializable {

    public CohortRules {
        if (churnDays < 1) {
            throw new IllegalArgumentException("churn days must be at least 1, not " + churnDays);
        }
        if (maxDayOffset < 0) {
            throw new IllegalArgumentException("the max day offset must not be negative, not " + maxDayOffset);
        }
        if (onlineGapSeconds < 1) {
            throw new IllegalArgumentException("the online gap must be at least 1 s, not " + onlineGapSeconds);
        }
    }
}
