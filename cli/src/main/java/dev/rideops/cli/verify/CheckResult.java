package dev.rideops.cli.verify;

import java.util.List;

/**
 * One line of the verify report: what was compared, how many items, how many differed, and the worst difference
 * with both values; {@code mismatched} lists the first differing items ({@link Mismatch#LIMIT}) for {@code --json}.
 */
public record CheckResult(
        String check, String target, long checked, long mismatches, String worst, List<Mismatch> mismatched) {

    public boolean passed() {
        return mismatches == 0;
    }
}
