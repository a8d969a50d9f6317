package dev.rideops.clients.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.http.Json;
import dev.rideops.contract.CdcContract;
import dev.rideops.contract.PostgresTls;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SnapshotSignalTest {

    @Test
    void aTableIsNamedWithOrWithoutItsSchemaAndOnlyCapturedOnesCount() {
        assertThat(SnapshotSignal.captured("bookings")).hasValue("public.bookings");
        assertThat(SnapshotSignal.captured("public.Drivers")).hasValue("public.drivers");
        assertThat(SnapshotSignal.captured("debezium_signal")).isEmpty();
        assertThat(SnapshotSignal.captured("other.bookings")).isEmpty();
        assertThat(SnapshotSignal.tableNames())
                .contains("bookings", "driver_location_events")
                .hasSize(6);
    }

    @Test
    void theSignalAsksForAnIncrementalSnapshotOfTheTables() {
        var data = Json.parse(SnapshotSignal.data(List.of("public.bookings", "public.payments"), Map.of()));

        assertThat(data.get("type").asText()).isEqualTo("incremental");
        assertThat(data.get("data-collections"))
                .extracting(n -> n.asText())
                .containsExactly("public.bookings", "public.payments");
        assertThat(data.has("additional-conditions")).isFalse();
    }

    @Test
    void aFilterNarrowsItsTableToTheRowsWanted() {
        var data = Json.parse(SnapshotSignal.data(
                List.of("public.drivers", "public.bookings"), Map.of("public.bookings", "status = 'REQUESTED'")));

        var condition = data.get("additional-conditions").get(0);
        assertThat(condition.get("data-collection").asText()).isEqualTo("public.bookings");
        assertThat(condition.get("filter").asText()).isEqualTo("status = 'REQUESTED'");
    }

    @Test
    void theConnectorReadsSignalsFromTheWalAndDropsTheirEventsBeforeKafka() {
        Map<String, String> config =
                CdcConnector.config(new CdcConnector.Source("localhost", 5432, "db", "u", "p", PostgresTls.NONE), 1);

        assertThat(config.get("signal.data.collection")).isEqualTo(CdcContract.SIGNAL_TABLE);
        assertThat(config.get("table.include.list").split(","))
                .contains(CdcContract.SIGNAL_TABLE)
                .containsAll(CdcContract.TABLES);
        Pattern dropped = Pattern.compile(config.get("predicates.isSignal.pattern"));
        assertThat(dropped.matcher("rideops.public.debezium_signal").matches()).isTrue();
        assertThat(dropped.matcher("rideops.public.bookings").matches()).isFalse();
        assertThat(dropped.matcher("rideopsXpublicXdebezium_signal").matches()).isFalse();
        assertThat(config.get("transforms.dropSignals.predicate")).isEqualTo("isSignal");
    }
}
