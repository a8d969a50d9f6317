package dev.rideops.stack.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BulkIndexesTest {

    @Test
    void readsEveryActionLineAndSkipsTheSources() {
        String body = """
                {"index":{"_index":"driver_locations_timeseries-2026.11.29","_id":"1"}}
                {"driver_id":1,"_index":"not-an-action","location":{"lat":1,"lon":2}}
                {"delete":{"_index":"driver_locations","_id":"2"}}
                {"update":{"_id":"3"}}
                {"doc":{"status":"BUSY"}}
                {"create":{"_index":"orders","_id":"4","routing":{"x":1}}}
                {"a":1}
                """;

        assertThat(BulkIndexes.of(body, "driver_locations"))
                .containsExactly(
                        "driver_locations_timeseries-2026.11.29", "driver_locations", "driver_locations", "orders");
    }

    @Test
    void anActionWithoutAnIndexNamesNoneOnThePlainBulkPath() {
        assertThat(BulkIndexes.of("{\"index\":{\"_id\":\"1\"}}\n{}\n", "")).containsExactly("");
    }

    @Test
    void aLineThatIsNoActionCountsAsAForeignIndex() {
        assertThat(BulkIndexes.of("not json\n", "driver_locations")).containsExactly("?");
        assertThat(BulkIndexes.of("[1]\n", "driver_locations")).containsExactly("?");
    }
}
