package dev.rideops.cli.verify;

/**
 * One line of the verify report: what was compared, how many items, how many differed, and the worst difference
 * with both values.
 */
public record CheckResult(String check, String target, long checked, long mismatches, String worst) {

    public boolean passed() {
        return mismatches == 0;
    }
}
