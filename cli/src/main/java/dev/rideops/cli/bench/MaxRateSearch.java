package dev.rideops.cli.bench;

import java.util.function.IntPredicate;

/**
 * Finds the highest rate that holds: doubles from the start rate until a rate fails, then bisects between the last
 * rate that held and the first that failed until they are within {@code resolution}. Each probe is a real bench
 * step, so the search is bounded by {@code maxProbes}.
 */
final class MaxRateSearch {

    private MaxRateSearch() {}

    /** The highest rate found to hold, 0 when even the start rate fails. */
    static int find(int start, int ceiling, int resolution, int maxProbes, IntPredicate holds) {
        int good = 0;
        int bad = -1;
        int rate = start;
        int probes = 0;
        while (probes < maxProbes && rate <= ceiling) {
            probes++;
            if (holds.test(rate)) {
                good = rate;
                rate = rate * 2;
            } else {
                bad = rate;
                break;
            }
        }
        if (bad < 0) {
            return good;
        }
        while (probes < maxProbes && bad - good > resolution) {
            int mid = good + (bad - good) / 2 / resolution * resolution;
            if (mid <= good) {
                mid = good + resolution;
            }
            probes++;
            if (holds.test(mid)) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        return good;
    }
}
