package dev.rideops.job.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The ratios a metric's change marks changed, worked out once for the whole catalogue. */
class MetricRatiosTest {

    @Test
    void aRatioIsListedUnderItsNumeratorAndDenominatorAndNowhereElse() {
        for (Metric metric : Metric.values()) {
            assertThat(metric.dependentRatios())
                    .as(metric.metricName())
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(Metric.values())
                            .filter(m -> m.aggregation() == Aggregation.RATIO)
                            .filter(m -> m.numerator() == metric || m.denominator() == metric)
                            .toList());
        }
        assertThat(Metric.RIDES_COMPLETED.dependentRatios())
                .containsExactlyInAnyOrder(Metric.COMPLETION_RATE, Metric.TRIPS_PER_DRIVER);
        assertThat(Metric.COMPLETING_DRIVERS.dependentRatios()).containsExactly(Metric.TRIPS_PER_DRIVER);
        assertThat(Metric.DRIVER_LOCATION_UPDATES.dependentRatios()).isEmpty();
    }

    @Test
    void theListsCannotBeChangedByACaller() {
        // one list per metric, shared by every contribution: a caller adding to it would change every bucket's ratios
        assertThatThrownBy(() -> Metric.RIDES_REQUESTED.dependentRatios().add(Metric.GMV))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
