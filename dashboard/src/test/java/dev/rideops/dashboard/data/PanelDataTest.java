package dev.rideops.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PanelDataTest {

    /** A per-service or per-topic panel draws one line per service or topic, not every line as "value". */
    @Test
    void aSeriesIsNamedByTheLabelItsQueryGroupsBy() {
        assertThat(PanelData.seriesName(Map.of("service", "kafka"))).isEqualTo("kafka");
        assertThat(PanelData.seriesName(Map.of("topic", "rideops.public.bookings")))
                .isEqualTo("rideops.public.bookings");
        assertThat(PanelData.seriesName(Map.of("instance", "127.0.0.1:9250", "__name__", "flink_x")))
                .isEqualTo("127.0.0.1:9250");
        assertThat(PanelData.seriesName(Map.of())).isEqualTo("value");
    }
}
