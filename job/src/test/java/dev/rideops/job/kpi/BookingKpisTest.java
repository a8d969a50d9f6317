package dev.rideops.job.kpi;

import static dev.rideops.job.Events.micros;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.job.cdc.BookingRow;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BookingKpisTest {

    private static BookingRow requested(double at) {
        BookingRow b = new BookingRow();
        b.bookingId = 1;
        b.riderId = 42;
        b.status = "REQUESTED";
        b.pickupCell = "HCM-03-04";
        b.surgeMultiplier = 1.2;
        b.estimatedFare = 5;
        b.distanceKm = 3;
        b.requestedAt = micros(at);
        b.updatedAt = b.requestedAt;
        return b;
    }

    private static List<String> minute(List<Contribution> contributions) {
        return contributions.stream()
                .filter(c -> c.granularity.equals("MINUTE"))
                .map(c -> c.metric + "@" + (c.bucketStart - Granularity.MINUTE.bucketStart(micros(0))) / 60_000_000
                        + "=" + (c.member == null ? c.value : "m" + c.member))
                .collect(Collectors.toList());
    }

    @Test
    void eachMilestoneCountsOnceInTheBucketOfItsOwnTimestamp() {
        BookingRow b = requested(50);
        List<Contribution> first = new ArrayList<>();
        int mask = BookingKpis.contribute(0, b, first);
        assertThat(minute(first))
                .containsExactlyInAnyOrder(
                        "rides_requested@0=1.0",
                        "avg_surge_multiplier@0=1.2",
                        "avg_estimated_fare@0=5.0",
                        "active_riders@0=m42",
                        "surged_requests@0=1.0",
                        "cell_requests@0=1.0",
                        "cell_avg_surge@0=1.2");
        assertThat(first)
                .filteredOn(c -> c.cell != null)
                .extracting(Contribution::bucketKey)
                .containsOnly("MINUTE|" + Granularity.MINUTE.bucketStart(micros(0)) + "|" + b.pickupCell);

        b.status = "COMPLETED";
        b.driverId = 7L;
        b.acceptedAt = micros(65);
        b.etaSeconds = 20;
        b.arrivedAt = micros(85);
        b.startedAt = micros(95);
        b.completedAt = micros(215);
        b.fareAmount = 10.0;
        List<Contribution> second = new ArrayList<>();
        mask = BookingKpis.contribute(mask, b, second);

        assertThat(minute(second))
                .containsExactlyInAnyOrder(
                        "rides_accepted@1=1.0",
                        "avg_accept_time_sec@1=15.0",
                        "avg_eta_sec@1=20.0",
                        "avg_pickup_wait_sec@1=20.0",
                        "rides_started@1=1.0",
                        "rides_completed@3=1.0",
                        "gmv@3=10.0",
                        "avg_fare@3=10.0",
                        "driver_earnings@3=8.0",
                        "platform_revenue@3=2.0",
                        "avg_trip_distance_km@3=3.0",
                        "avg_trip_duration_sec@3=120.0",
                        "completing_drivers@3=m7");
        assertThat(second).filteredOn(c -> c.granularity.equals("HOUR")).hasSize(second.size() / 2);

        List<Contribution> replay = new ArrayList<>();
        assertThat(BookingKpis.contribute(mask, b, replay)).isEqualTo(mask);
        assertThat(replay).isEmpty();
    }

    @Test
    void anOlderChangeArrivingAfterANewerOneAddsNothingNew() {
        BookingRow accepted = requested(10);
        accepted.acceptedAt = micros(20);
        accepted.driverId = 3L;
        List<Contribution> out = new ArrayList<>();
        int mask = BookingKpis.contribute(0, accepted, out);

        List<Contribution> late = new ArrayList<>();
        BookingKpis.contribute(mask, requested(10), late);

        assertThat(late).isEmpty();
        assertThat(minute(out)).contains("rides_requested@0=1.0", "rides_accepted@0=1.0");
    }

    @Test
    void cancellationIsSplitByWhoCancelled() {
        for (String by : new String[] {"RIDER", "DRIVER", "SYSTEM"}) {
            BookingRow b = requested(0);
            b.status = "CANCELLED";
            b.cancelledAt = micros(30);
            b.cancelledBy = by;
            List<Contribution> out = new ArrayList<>();
            BookingKpis.contribute(BookingKpis.REQUESTED, b, out);
            assertThat(minute(out))
                    .containsExactlyInAnyOrder(
                            "rides_cancelled@0=1.0", "rides_cancelled_by_" + by.toLowerCase() + "@0=1.0");
            assertThat(BookingKpis.isOpen(b)).isFalse();
        }
    }
}
