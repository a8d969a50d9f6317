package dev.rideops.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.cli.chaos.RecoveryTimeline.Look;
import dev.rideops.cli.verify.Freshness.Reading;
import dev.rideops.clients.flink.Checkpoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryTimelineTest {

    private static final long HIT = 100_000;
    /** Event time of the source's newest change when the fault hit. */
    private static final Instant SOURCE = Instant.parse("2026-11-30T18:00:00Z");
    /** A quiet source the snapshot has caught up with, one second behind it. */
    private static final Reading QUIET = new Reading(SOURCE, SOURCE.minusSeconds(1));

    private static Checkpoint checkpoint(long id, long triggeredMs, long ackMs) {
        return new Checkpoint(id, triggeredMs, ackMs);
    }

    private static Look look(long atMs, String job, long restartMs, boolean caughtUp, Checkpoint... checkpoints) {
        return new Look(atMs, job, restartMs, List.of(checkpoints), caughtUp, QUIET);
    }

    @Test
    void aJobThatRidesTheFaultOutIsTimedByItsOwnCheckpointWhileTheServiceIsDown() {
        RecoveryTimeline timeline = new RecoveryTimeline(HIT);
        Checkpoint before = checkpoint(10, HIT - 3_000, HIT + 500); // triggered before the fault, acked after
        Checkpoint after = checkpoint(11, HIT + 4_000, HIT + 4_300);

        assertThat(timeline.observe(look(HIT + 2_000, "a", 0, true, before))).isFalse();
        assertThat(timeline.firstCheckpoint("a")).isEmpty();
        assertThat(timeline.caughtUpSinceMs("a")).isEmpty();

        assertThat(timeline.observe(look(HIT + 6_000, "a", 0, true, before, after)))
                .isTrue();
        assertThat(timeline.observe(look(HIT + 8_000, "a", 0, true, before, after)))
                .isFalse();

        assertThat(timeline.firstCheckpoint("a")).contains(after);
        assertThat(timeline.caughtUpSinceMs("a")).hasValue(HIT + 6_000);
    }

    @Test
    void caughtUpCountsFromTheLastUnbrokenRunOfCaughtUpLooks() {
        RecoveryTimeline timeline = new RecoveryTimeline(HIT);
        Checkpoint first = checkpoint(11, HIT + 1_000, HIT + 1_200);

        timeline.observe(look(HIT + 2_000, "a", 0, true, first));
        timeline.observe(look(HIT + 4_000, "a", 0, false, first)); // the results stall
        timeline.observe(look(HIT + 20_000, "a", 0, true, first));
        timeline.observe(look(HIT + 22_000, "a", 0, true, first));

        assertThat(timeline.caughtUpSinceMs("a")).hasValue(HIT + 20_000);
    }

    @Test
    void caughtUpIsNeverBeforeTheFirstCheckpointIsAcknowledged() {
        RecoveryTimeline timeline = new RecoveryTimeline(HIT);

        timeline.observe(look(HIT + 2_000, "a", 0, true, checkpoint(11, HIT + 1_000, HIT + 2_600)));

        assertThat(timeline.caughtUpSinceMs("a")).hasValue(HIT + 2_600);
    }

    @Test
    void aFailoverAfterTheFaultAsksForACheckpointAfterTheRestart() {
        RecoveryTimeline timeline = new RecoveryTimeline(HIT);
        Checkpoint beforeRestart = checkpoint(11, HIT + 1_000, HIT + 1_200);
        Checkpoint afterRestart = checkpoint(12, HIT + 9_000, HIT + 9_500);

        timeline.observe(look(HIT + 2_000, "a", 0, true, beforeRestart));
        assertThat(timeline.firstCheckpoint("a")).contains(beforeRestart);

        timeline.observe(look(HIT + 6_000, "a", HIT + 5_000, true, beforeRestart));
        assertThat(timeline.firstCheckpoint("a")).isEmpty();
        assertThat(timeline.caughtUpSinceMs("a")).isEmpty();

        timeline.observe(look(HIT + 10_000, "a", HIT + 5_000, true, beforeRestart, afterRestart));
        assertThat(timeline.firstCheckpoint("a")).contains(afterRestart);
        assertThat(timeline.caughtUpSinceMs("a")).hasValue(HIT + 10_000);
    }

    @Test
    void aRestartBeforeTheFaultStillAsksForACheckpointAfterTheFault() {
        RecoveryTimeline timeline = new RecoveryTimeline(HIT);

        timeline.observe(look(HIT + 2_000, "a", HIT - 60_000, true, checkpoint(11, HIT - 1_000, HIT + 200)));

        assertThat(timeline.firstCheckpoint("a")).isEmpty();
    }

    @Test
    void whatAReplacedJobDidDoesNotCountForTheOneThatRunsNow() {
        RecoveryTimeline timeline = new RecoveryTimeline(HIT);

        timeline.observe(look(HIT + 1_000, "old", 0, true, checkpoint(11, HIT + 200, HIT + 400)));
        timeline.observe(look(HIT + 3_000, null, 0, false)); // the new JobManager runs no job
        timeline.observe(look(HIT + 30_000, "new", 0, true));

        assertThat(timeline.firstCheckpoint("old")).isEmpty();
        assertThat(timeline.firstCheckpoint("new")).isEmpty();
        assertThat(timeline.caughtUpSinceMs("new")).isEmpty();

        timeline.observe(look(HIT + 34_000, "new", 0, true, checkpoint(1, HIT + 32_000, HIT + 33_000)));
        assertThat(timeline.firstCheckpoint("new")).contains(checkpoint(1, HIT + 32_000, HIT + 33_000));
        assertThat(timeline.caughtUpSinceMs("new")).hasValue(HIT + 34_000);
    }

    @Test
    void thePeakIsTheMostTheSnapshotWasSeenBehindOverEveryLook() {
        RecoveryTimeline timeline = new RecoveryTimeline(HIT);
        assertThat(timeline.peakBehindSeconds()).isEmpty();

        timeline.observe(new Look(HIT + 1_000, "a", 0, List.of(), false, behind(2.5)));
        timeline.observe(new Look(HIT + 3_000, null, 0, List.of(), false, behind(11.9)));
        timeline.observe(new Look(HIT + 5_000, "a", 0, List.of(), false, null));
        timeline.observe(new Look(HIT + 7_000, "a", 0, List.of(), true, behind(0.4)));

        assertThat(timeline.peakBehindSeconds()).contains(11.9);
    }

    @Test
    void aStallWithinTheLimitsIsNotCaughtUpUntilAChangeMadeAfterTheFaultReachesTheSnapshot() {
        RecoveryTimeline timeline = new RecoveryTimeline(HIT);
        Checkpoint first = checkpoint(11, HIT + 1_000, HIT + 1_200);
        Reading atHit = new Reading(SOURCE, SOURCE.minusMillis(400));

        timeline.observe(new Look(HIT + 500, "a", 0, List.of(first), true, atHit));
        // the source writes on, the snapshot stays where it was: 12 s behind is within the 30 s limit
        timeline.observe(new Look(
                HIT + 12_000,
                "a",
                0,
                List.of(first),
                true,
                new Reading(SOURCE.plusSeconds(12), atHit.newestSnapshot())));
        assertThat(timeline.caughtUpSinceMs("a")).isEmpty();

        timeline.observe(new Look(
                HIT + 20_000,
                "a",
                0,
                List.of(first),
                true,
                new Reading(SOURCE.plusSeconds(20), SOURCE.plusSeconds(19))));
        assertThat(timeline.caughtUpSinceMs("a")).hasValue(HIT + 20_000);
        assertThat(timeline.peakBehindSeconds()).contains(12.4);
    }

    @Test
    void aQuietSourceIsCaughtUpOnceWithinTheLimits() {
        RecoveryTimeline timeline = new RecoveryTimeline(HIT);

        timeline.observe(new Look(HIT + 2_000, "a", 0, List.of(checkpoint(11, HIT + 1_000, HIT + 1_500)), true, QUIET));

        assertThat(timeline.caughtUpSinceMs("a")).hasValue(HIT + 2_000);
    }

    private static Reading behind(double seconds) {
        return new Reading(SOURCE, SOURCE.minusMillis(Math.round(seconds * 1000)));
    }
}
