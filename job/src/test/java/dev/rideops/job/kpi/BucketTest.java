package dev.rideops.job.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BucketTest {

    private final SetMembers members = new SetMembers();

    private Bucket bucket() {
        return new Bucket(new BucketTotals(), members);
    }

    @Test
    void countsSumsMeansAndDistinctMembers() throws Exception {
        Bucket s = bucket();
        s.add(Metric.RIDES_REQUESTED, 1, null);
        s.add(Metric.RIDES_REQUESTED, 1, null);
        s.add(Metric.GMV, 10.5, null);
        s.add(Metric.GMV, 4.5, null);
        s.add(Metric.AVG_TRIP_DURATION_SEC, 100, null);
        s.add(Metric.AVG_TRIP_DURATION_SEC, 200, null);
        assertThat(s.add(Metric.ACTIVE_DRIVERS, 1, 7L)).isTrue();
        assertThat(s.add(Metric.ACTIVE_DRIVERS, 1, 7L)).isFalse();
        s.add(Metric.ACTIVE_DRIVERS, 1, 8L);

        assertThat(s.value(Metric.RIDES_REQUESTED)).isEqualTo(2.0);
        assertThat(s.value(Metric.GMV)).isEqualTo(15.0);
        assertThat(s.value(Metric.AVG_TRIP_DURATION_SEC)).isEqualTo(150.0);
        assertThat(s.value(Metric.ACTIVE_DRIVERS)).isEqualTo(2.0);
        assertThat(s.value(Metric.RIDES_COMPLETED)).isNull();
    }

    @Test
    void ratiosUseTheBucketsOwnComponentsAndAreAbsentWithoutADenominator() throws Exception {
        Bucket s = bucket();
        s.add(Metric.RIDES_ACCEPTED, 1, null);
        assertThat(s.value(Metric.MATCH_RATE)).isNull();

        for (int i = 0; i < 4; i++) {
            s.add(Metric.RIDES_REQUESTED, 1, null);
        }
        s.add(Metric.RIDES_CANCELLED, 1, null);
        assertThat(s.value(Metric.MATCH_RATE)).isEqualTo(0.25);
        assertThat(s.value(Metric.CANCEL_RATE)).isEqualTo(0.25);
        assertThat(s.value(Metric.COMPLETION_RATE)).isEqualTo(0.0);
        assertThat(Metric.RIDES_REQUESTED.dependentRatios())
                .containsExactlyInAnyOrder(Metric.MATCH_RATE, Metric.CANCEL_RATE, Metric.COMPLETION_RATE);
    }

    @Test
    void closedDistinctKeepsItsCountAndCountsLaterMembersAsLate() throws Exception {
        Bucket s = bucket();
        s.add(Metric.ACTIVE_DRIVERS, 1, 1L);
        s.add(Metric.ACTIVE_DRIVERS, 1, 2L);
        s.closeDistinct();

        assertThat(s.add(Metric.ACTIVE_DRIVERS, 1, 3L)).isFalse();
        assertThat(s.value(Metric.ACTIVE_DRIVERS)).isEqualTo(2.0);
        assertThat(s.value(Metric.LATE_EVENTS)).isEqualTo(1.0);
    }

    @Test
    void theCatalogueHasThirtyPlusMetricsInThreeGroups() {
        assertThat(Metric.catalogue().size()).isGreaterThanOrEqualTo(30);
        for (Metric.Group g :
                new Metric.Group[] {Metric.Group.PASSENGER, Metric.Group.DRIVER, Metric.Group.OPERATION}) {
            assertThat(Metric.catalogue().stream().filter(m -> m.group() == g).count())
                    .as(g.toString())
                    .isGreaterThanOrEqualTo(8);
        }
        for (String pinned : new String[] {
            "rides_requested",
            "rides_accepted",
            "rides_completed",
            "rides_cancelled",
            "rides_cancelled_by_rider",
            "rides_cancelled_by_driver",
            "gmv",
            "avg_accept_time_sec",
            "avg_trip_duration_sec",
            "match_rate",
            "cancel_rate",
            "driver_location_updates",
            "active_drivers"
        }) {
            assertThat(Metric.byName(pinned).metricName()).isEqualTo(pinned);
        }
    }

    @Test
    void aCellsBucketBecomesItsHeatmapRow() throws Exception {
        java.util.List<Contribution> out = new java.util.ArrayList<>();
        dev.rideops.job.cdc.LocationRow available = new dev.rideops.job.cdc.LocationRow();
        available.driverId = 7;
        available.cell = "HCM-01-02";
        available.driverStatus = "AVAILABLE";
        dev.rideops.job.cdc.LocationRow busy = new dev.rideops.job.cdc.LocationRow();
        busy.driverId = 8;
        busy.cell = "HCM-01-02";
        busy.driverStatus = "BUSY";
        FactKpis.location(available, out);
        FactKpis.location(available, out);
        FactKpis.location(busy, out);
        Bucket cell = bucket();
        for (Contribution c : out) {
            if (c.cell != null) {
                assertThat(c.bucketKey()).isEqualTo("MINUTE|0|HCM-01-02");
                cell.add(Metric.byName(c.metric), c.value, c.member);
            }
        }
        cell.add(Metric.CELL_REQUESTS, 1, null);
        cell.add(Metric.CELL_AVG_SURGE, 1.5, null);

        CellRow row = CellRow.of(0, "HCM-01-02", cell.totals());
        assertThat(row.requests).isEqualTo(1);
        assertThat(row.driversPresent).isEqualTo(2);
        assertThat(row.driversAvailable).isEqualTo(1);
        assertThat(row.avgSurge).isEqualTo(1.5);
        assertThat(Metric.catalogue()).doesNotContain(Metric.CELL_REQUESTS);
    }

    @Test
    void aRetractionTakesBackExactlyWhatWasAddedAndAnEmptiedMetricHasNoValue() throws Exception {
        Bucket s = bucket();
        s.add(Metric.PAYMENTS_COLLECTED, 10.25, null);
        s.add(Metric.PAYMENTS_COLLECTED, 4.5, null);
        s.add(Metric.AVG_DRIVER_RATING, 5, null);
        s.add(Metric.AVG_DRIVER_RATING, 3, null);
        s.add(Metric.RIDES_REQUESTED, 1, null);

        assertThat(s.retract(Metric.PAYMENTS_COLLECTED, 10.25, null)).isTrue();
        assertThat(s.retract(Metric.AVG_DRIVER_RATING, 5, null)).isTrue();
        assertThat(s.retract(Metric.RIDES_REQUESTED, 1, null)).isTrue();

        assertThat(s.value(Metric.PAYMENTS_COLLECTED)).isEqualTo(4.5);
        assertThat(s.value(Metric.AVG_DRIVER_RATING))
                .as("the mean of what is left")
                .isEqualTo(3.0);
        assertThat(s.value(Metric.RIDES_REQUESTED))
                .as("no rows, no value, as on the source")
                .isNull();
        assertThat(s.value(Metric.MATCH_RATE)).isNull();
        assertThat(s.retract(Metric.GMV, 3, null)).as("nothing to take back").isFalse();
        assertThat(s.value(Metric.GMV)).isNull();
    }

    @Test
    void aDistinctMemberLeavesUntilTheBucketClosesThenItsRetractionIsLate() throws Exception {
        Bucket s = bucket();
        s.add(Metric.ACTIVE_RIDERS, 1, 7L);
        s.add(Metric.ACTIVE_RIDERS, 1, 8L);
        assertThat(s.retract(Metric.ACTIVE_RIDERS, 1, 7L)).isTrue();
        assertThat(s.value(Metric.ACTIVE_RIDERS)).isEqualTo(1.0);
        assertThat(s.retract(Metric.ACTIVE_RIDERS, 1, 7L)).isFalse();

        s.closeDistinct();
        assertThat(s.closed(Metric.ACTIVE_RIDERS)).isTrue();
        assertThat(s.retract(Metric.ACTIVE_RIDERS, 1, 8L)).isFalse();
        assertThat(s.value(Metric.ACTIVE_RIDERS)).isEqualTo(1.0);
        assertThat(s.value(Metric.LATE_EVENTS)).isEqualTo(1.0);
    }

    @Test
    void closingDropsEveryMemberEntryButKeepsTheCountsAndAMetricWithoutMembersStaysOpen() throws Exception {
        Bucket s = bucket();
        s.add(Metric.ACTIVE_DRIVERS, 1, 1L);
        s.add(Metric.ACTIVE_DRIVERS, 1, 2L);
        s.add(Metric.ACTIVE_RIDERS, 1, 7L);
        assertThat(members.entries).hasSize(3);

        s.closeDistinct();
        assertThat(members.entries).as("members leave the store at close").isEmpty();
        assertThat(s.value(Metric.ACTIVE_DRIVERS)).isEqualTo(2.0);
        assertThat(s.value(Metric.ACTIVE_RIDERS)).isEqualTo(1.0);
        assertThat(s.closed(Metric.COMPLETING_DRIVERS))
                .as("no member when the bucket closed: nothing to protect, it stays open")
                .isFalse();
        assertThat(s.add(Metric.COMPLETING_DRIVERS, 1, 7L)).isTrue();
        assertThat(s.add(Metric.COMPLETING_DRIVERS, 1, 7L)).isFalse();
        assertThat(s.value(Metric.COMPLETING_DRIVERS)).isEqualTo(1.0);
        assertThat(s.value(Metric.LATE_EVENTS)).isNull();
        assertThat(members.entries).containsExactly(new SetMembers.Entry(Metric.COMPLETING_DRIVERS, 7));
    }

    @Test
    void aMetricRetractedToNoRowsStartsAgainFromZero() throws Exception {
        Bucket s = bucket();
        s.add(Metric.AVG_FARE, 0.1, null);
        s.add(Metric.AVG_FARE, 0.2, null);
        s.retract(Metric.AVG_FARE, 0.1, null);
        s.retract(Metric.AVG_FARE, 0.2, null);
        assertThat(s.value(Metric.AVG_FARE)).isNull();
        assertThat(s.retract(Metric.AVG_FARE, 0.2, null))
                .as("no row left to take back")
                .isFalse();

        s.add(Metric.AVG_FARE, 0.3, null);
        assertThat(s.value(Metric.AVG_FARE))
                .as("not 0.3 plus what 0.1 + 0.2 - 0.1 - 0.2 leaves in floating point")
                .isEqualTo(0.3);
    }

    @Test
    void aBucketHoldsNumbersOnlyForTheMetricsItHasSeen() throws Exception {
        Bucket cell = bucket();
        cell.add(Metric.CELL_REQUESTS, 1, null);
        cell.add(Metric.CELL_REQUESTS, 1, null);
        cell.add(Metric.CELL_DRIVERS_PRESENT, 1, 7L);
        cell.add(Metric.CELL_AVG_SURGE, 1.5, null);

        assertThat(cell.totals().metrics).hasSize(3);
        assertThat(cell.totals().numbers).hasSize(6);
        assertThat(cell.value(Metric.CELL_REQUESTS)).isEqualTo(2.0);
    }

    @Test
    void changesAreMarkedPerMetricUntilEmitted() {
        BucketTotals t = new BucketTotals();
        t.markChanged(Metric.GMV);
        t.markChanged(Metric.CELL_DRIVERS_AVAILABLE);
        t.emitDue = true;
        assertThat(Arrays.stream(Metric.values()).filter(t::changed))
                .containsExactlyInAnyOrder(Metric.GMV, Metric.CELL_DRIVERS_AVAILABLE);
        assertThat(t.retracted()).isFalse();
        t.markRetracted();
        assertThat(t.retracted()).isTrue();
        assertThat(Arrays.stream(Metric.values()).filter(t::changed)).hasSize(2);

        t.emitted();
        assertThat(Arrays.stream(Metric.values()).filter(t::changed)).isEmpty();
        assertThat(t.retracted()).isFalse();
        assertThat(t.emitDue).isFalse();
    }

    /**
     * Savepoints hold metrics by ordinal (the totals, the member keys, and the Kryo layout before): a metric moved
     * in the enum would read another's numbers. New metrics go at the end.
     */
    @Test
    void theMetricsKeepTheOrderSavepointsStoreThemBy() {
        assertThat(Metric.values().length)
                .as("a bit per metric in a long, and the top bit for a retraction")
                .isLessThan(63);
        assertThat(Arrays.stream(Metric.values()).map(Metric::metricName))
                .startsWith(
                        "rides_requested",
                        "rides_cancelled_by_rider",
                        "avg_accept_time_sec",
                        "avg_pickup_wait_sec",
                        "avg_fare",
                        "avg_estimated_fare",
                        "promo_rides",
                        "active_riders",
                        "ratings",
                        "avg_driver_rating",
                        "payments",
                        "payments_failed",
                        "payments_collected",
                        "rides_accepted",
                        "rides_cancelled_by_driver",
                        "active_drivers",
                        "driver_location_updates",
                        "avg_driver_speed_kmh",
                        "completing_drivers",
                        "trips_per_driver",
                        "driver_earnings",
                        "avg_rider_rating",
                        "rides_started",
                        "rides_completed",
                        "rides_cancelled",
                        "rides_cancelled_by_system",
                        "gmv",
                        "platform_revenue",
                        "match_rate",
                        "cancel_rate",
                        "completion_rate",
                        "avg_surge_multiplier",
                        "surged_requests",
                        "avg_eta_sec",
                        "avg_trip_duration_sec",
                        "avg_trip_distance_km",
                        "late_events",
                        "cell_requests",
                        "cell_avg_surge",
                        "cell_drivers_present",
                        "cell_drivers_available");
    }
}
