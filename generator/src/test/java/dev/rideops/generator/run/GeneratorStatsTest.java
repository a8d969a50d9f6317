package dev.rideops.generator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.generator.model.Change;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class GeneratorStatsTest {

    private static List<Change> riders(long from, int n) {
        return LongStream.range(from, from + n)
                .<Change>mapToObj(id ->
                        new Change.RiderInsert(id, "r" + id, "r" + id + "@example.com", "+84", "HCMC", Instant.EPOCH))
                .toList();
    }

    @Test
    void setupRowsAreTheSignUpsCommittedBeforeTheLoadNotThoseAfter() {
        GeneratorStats stats = new GeneratorStats();
        stats.startClock();
        stats.committed(riders(0, 2000), 1);
        stats.committed(riders(2000, 500), 1);
        stats.beginLoad();
        stats.committed(riders(2500, 40), 1);

        assertThat(stats.setupRows()).isEqualTo(2500);
        assertThat(stats.committed()).isEqualTo(2540);
    }

    @Test
    void aStopDuringTheSignUpsCountsOnlyTheRowsCommittedBeforeIt() {
        // 6,000 sign-ups planned, in transactions of 2,000: the stop came after the first
        GeneratorStats stats = new GeneratorStats();
        stats.startClock();
        stats.committed(riders(0, 2000), 1);

        assertThat(stats.loadBegun()).isFalse();
        assertThat(stats.setupRows()).isEqualTo(2000);
    }
}
