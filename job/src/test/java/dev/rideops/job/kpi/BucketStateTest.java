package dev.rideops.job.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BucketStateTest {

    @Test
    void countsSumsMeansAndDistinctMembers() {
        BucketState s = new BucketState();
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
    void ratiosUseTheBucketsOwnComponentsAndAreAbsentWithoutADenominator() {
        BucketState s = new BucketState();
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
    void closedDistinctKeepsItsCountAndCountsLaterMembersAsLate() {
        BucketState s = new BucketState();
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
    void aCellsBucketBecomesItsHeatmapRow() {
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
        BucketState cell = new BucketState();
        out.stream().filter(c -> c.cell != null).forEach(c -> {
            assertThat(c.bucketKey()).isEqualTo("MINUTE|0|HCM-01-02");
            cell.add(Metric.byName(c.metric), c.value, c.member);
        });
        cell.add(Metric.CELL_REQUESTS, 1, null);
        cell.add(Metric.CELL_AVG_SURGE, 1.5, null);

        CellRow row = CellRow.of(0, "HCM-01-02", cell);
        assertThat(row.requests).isEqualTo(1);
        assertThat(row.driversPresent).isEqualTo(2);
        assertThat(row.driversAvailable).isEqualTo(1);
        assertThat(row.avgSurge).isEqualTo(1.5);
        assertThat(Metric.catalogue()).doesNotContain(Metric.CELL_REQUESTS);
    }

    @Test
    void aRetractionTakesBackExactlyWhatWasAddedAndAnEmptiedMetricHasNoValue() {
        BucketState s = new BucketState();
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
    void aDistinctMemberLeavesUntilTheBucketClosesThenItsRetractionIsLate() {
        BucketState s = new BucketState();
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
}
