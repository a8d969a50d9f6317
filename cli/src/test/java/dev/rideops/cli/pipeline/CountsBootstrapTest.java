package dev.rideops.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.contract.CdcContract;
import org.junit.jupiter.api.Test;

class CountsBootstrapTest {

    @Test
    void theSignalAsksForAnIncrementalSnapshotOfDriversAndOnlyTheOpenBookings() throws Exception {
        JsonNode signal = new ObjectMapper().readTree(CountsBootstrap.SIGNAL);

        assertThat(signal.path("type").asText()).isEqualTo("incremental");
        assertThat(signal.path("data-collections"))
                .extracting(JsonNode::asText)
                .containsExactly("public.drivers", "public.bookings")
                .allSatisfy(table -> assertThat(CdcContract.TABLES).contains(table));
        JsonNode condition = signal.path("additional-conditions").get(0);
        assertThat(condition.path("data-collection").asText()).isEqualTo("public.bookings");
        assertThat(condition.path("filter").asText())
                .isEqualTo("status IN ('REQUESTED', 'ACCEPTED', 'ARRIVED', 'IN_PROGRESS')");
    }
}
