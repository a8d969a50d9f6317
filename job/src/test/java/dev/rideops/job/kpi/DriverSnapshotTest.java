package dev.rideops.job.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriverSnapshotTest {

    @Test
    void aStatusChangeMovesTheDriverBetweenCounts() {
        List<SnapshotDelta> out = new ArrayList<>();
        DriverSnapshot.change(null, "AVAILABLE", 1, out);
        DriverSnapshot.change("AVAILABLE", "BUSY", 2, out);
        DriverSnapshot.change("BUSY", "BUSY", 3, out);

        assertThat(out)
                .extracting(d -> d.metric + d.delta)
                .containsExactly("drivers_available1", "drivers_available-1", "drivers_busy1");
    }
}
