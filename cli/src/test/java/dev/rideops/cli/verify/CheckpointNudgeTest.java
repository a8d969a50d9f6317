package dev.rideops.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointNudgeTest {

    private static final long NOW = 1_000_000;

    @Test
    void asksOnceTheSourceHasFetchedEverythingAndTheJobHasBeenQuietLongEnough() {
        assertThat(CheckpointNudge.due(0, 0, NOW - 2_000, NOW)).isTrue();
        assertThat(CheckpointNudge.due(0, 0, -1, NOW)).as("before the first").isTrue();
    }

    @Test
    void neverWhileTheSourceCatchesUpOrItsBacklogIsUnknown() {
        assertThat(CheckpointNudge.due(1, 0, NOW - 60_000, NOW)).isFalse();
        assertThat(CheckpointNudge.due(-1, 0, NOW - 60_000, NOW)).isFalse();
    }

    @Test
    void neverWhileOneIsUnderWay() {
        assertThat(CheckpointNudge.due(0, 1, NOW - 60_000, NOW)).isFalse();
    }

    /** What the operators emit on their timers after one checkpoint must be in the next: a gap between them. */
    @Test
    void keepsAGapAfterTheNewestCheckpoint() {
        assertThat(CheckpointNudge.due(0, 0, NOW - 1_999, NOW)).isFalse();
    }
}
