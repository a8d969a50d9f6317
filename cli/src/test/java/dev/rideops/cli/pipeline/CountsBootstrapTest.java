package dev.rideops.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.contract.CdcContract;
import org.junit.jupiter.api.Test;

class CountsBootstrapTest {

    @Test
    void theBootstrapSnapshotsDriversAndOnlyTheOpenBookings() {
        assertThat(CountsBootstrap.TABLES)
                .containsExactly("public.drivers", "public.bookings")
                .allSatisfy(table -> assertThat(CdcContract.TABLES).contains(table));
        assertThat(CountsBootstrap.FILTERS)
                .containsOnlyKeys("public.bookings")
                .containsValue("status IN ('REQUESTED', 'ACCEPTED', 'ARRIVED', 'IN_PROGRESS')");
    }
}
