package dev.rideops.cli.chaos;

import dev.rideops.scenarios.SchemaExpectation;

/**
 * What a schema fault expected of the pipeline and what it did: the job still running (and whether it failed over
 * meanwhile), and how many changes it dead-lettered while the new schema was live; {@code reverted} says whether the
 * migration was undone (false: kept for good, as the fault states).
 */
public record SchemaOutcome(
        SchemaExpectation expected,
        SchemaExpectation observed,
        boolean failedOver,
        long deadLettered,
        boolean met,
        boolean reverted) {

    /**
     * Judges what was seen: a job that no longer runs needs a redeploy; one that runs but dead-lettered changes
     * dead-letters; otherwise it kept going. Keeping going also means no failover: a restart from the checkpoint
     * is a recovery, not indifference to the change. {@code deadLettered} below 0: the count was unknown.
     */
    public static SchemaOutcome judge(
            SchemaExpectation expected, boolean jobRunning, boolean failedOver, long deadLettered, boolean reverted) {
        SchemaExpectation observed = !jobRunning
                ? SchemaExpectation.NEEDS_REDEPLOY
                : deadLettered > 0 ? SchemaExpectation.DEAD_LETTERS : SchemaExpectation.KEEPS_GOING;
        boolean met =
                observed == expected && deadLettered >= 0 && !(expected == SchemaExpectation.KEEPS_GOING && failedOver);
        return new SchemaOutcome(expected, observed, failedOver, deadLettered, met, reverted);
    }

    /** One line for the table. */
    public String describe() {
        String seen = observed
                + (failedOver ? " (the job failed over)" : "")
                + (deadLettered > 0
                        ? ", " + deadLettered + " dead-lettered"
                        : deadLettered < 0 ? ", dead letters unknown" : "");
        return (met ? "as expected: " : "NOT as expected (" + expected + "): ")
                + seen
                + (reverted ? "; reverted" : "; kept for good");
    }
}
