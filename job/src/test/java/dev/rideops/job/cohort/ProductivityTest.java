package dev.rideops.job.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductivityTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-01");
    private static final long S = 1_000_000L; // micros

    @Test
    void onlineTimeSumsShortGapsAndSkipsLongOnes() {
        Productivity p = new Productivity(DAY, new CohortRules(7, 30, 300));
        // 0 s, 60 s, 120 s: two minutes online; then 20 minutes away; then 3,720 s to 3,900 s: three more minutes
        for (long t : new long[] {0, 60, 120, 1320, 1500}) {
            p.ping(1, t * S);
        }
        p.trip(1, new BigDecimal("10.50"));
        p.trip(1, new BigDecimal("4.50"));
        List<ProductivityRow> rows = p.rows();
        assertThat(rows).hasSize(1);
        ProductivityRow r = rows.get(0);
        assertThat(r.trips()).isEqualTo(2);
        assertThat(r.onlineHours()).isCloseTo(300 / 3600.0, within(1e-12));
        assertThat(r.earnings()).isEqualByComparingTo("15.00");
        assertThat(r.tripsPerOnlineHour()).isCloseTo(24.0, within(1e-9));
        assertThat(r.earningsPerOnlineHour()).isCloseTo(180.0, within(1e-9));
    }

    @Test
    void aDriverWithTripsButNoOnlineTimeHasNoRatios() {
        Productivity p = new Productivity(DAY, new CohortRules(7, 30, 300));
        p.trip(7, new BigDecimal("3.00"));
        p.ping(8, 5 * S);
        assertThat(p.rows())
                .containsExactly(
                        new ProductivityRow(DAY, 7, 1, 0.0, new BigDecimal("3.00"), null, null),
                        new ProductivityRow(DAY, 8, 0, 0.0, BigDecimal.ZERO, null, null));
    }

    @Test
    void pingsOutOfOrderAreRefused() {
        Productivity p = new Productivity(DAY, new CohortRules(7, 30, 300));
        p.ping(1, 10 * S);
        assertThatThrownBy(() -> p.ping(1, 5 * S)).hasMessageContaining("not in time order");
    }
}
