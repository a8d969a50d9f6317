package dev.rideops.cli.verify;

import java.util.List;

/**
 * What {@code rideops verify} found: every check with its counts and worst example, and the data-quality figures.
 * Serialized as the command's {@code --json} output (snake_case).
 */
public record VerifyReport(
        boolean passed, String windowStart, long drainMs, long verifyMs, List<CheckResult> checks, Quality quality) {

    /**
     * Completeness is what reached the pipeline's outputs per source row; duplication is search documents without a
     * source ping per ping; freshness is how far the newest snapshot change is behind the newest source change.
     */
    public record Quality(
            double bookingsCompleteness,
            double paymentsCompleteness,
            double ratingsCompleteness,
            double pingsCompleteness,
            double duplicationRate,
            Double freshnessSeconds,
            long deadLetters) {}

    /** The names of the checks that found differences (a metric's name, or a search check's). */
    public List<String> failedChecks() {
        return checks.stream()
                .filter(c -> !c.passed())
                .map(CheckResult::check)
                .distinct()
                .toList();
    }

    public long mismatches() {
        return checks.stream().mapToLong(CheckResult::mismatches).sum();
    }
}
