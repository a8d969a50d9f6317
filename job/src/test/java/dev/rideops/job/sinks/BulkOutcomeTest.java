package dev.rideops.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.job.kpi.LocationDoc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bulk responses as the node sends them with {@link BulkOutcome#FILTER_PATH}. */
class BulkOutcomeTest {

    /** Three pings (positions 0-2), then two newest positions (3-4). */
    private static final DocBatch SENT = new DocBatch(docs(3), docs(2));

    private static List<LocationDoc> docs(int n) {
        List<LocationDoc> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(new LocationDoc());
        }
        return docs;
    }

    private static BulkOutcome read(String json) throws IOException {
        return BulkOutcome.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), SENT);
    }

    private static String ok() {
        return "{\"index\":{\"status\":201}}";
    }

    @Test
    void noErrorsMeansEverythingIsDoneWithoutReadingTheItems() throws IOException {
        assertThat(read("{\"errors\":false,\"items\":[" + ok() + "]}")).isEqualTo(BulkOutcome.DONE);
        assertThat(read("{\"errors\":false}")).isEqualTo(BulkOutcome.DONE);
    }

    @Test
    void busyOrFailingShardsAreRetriedRefusedDocumentsAreRejectedOlderPositionsAreDropped() throws IOException {
        BulkOutcome outcome = read("{\"errors\":true,\"items\":["
                + "{\"index\":{\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\","
                + "\"reason\":\"rejected execution of coordinating operation\","
                + "\"index\":\"driver_locations_timeseries-2026.11.26\"}}},"
                + ok() + ","
                + "{\"index\":{\"status\":400,\"error\":{\"type\":\"mapper_parsing_exception\","
                + "\"reason\":\"failed to parse field [location] of type [geo_point]\","
                + "\"index\":\"driver_locations_timeseries-2026.11.26\","
                + "\"caused_by\":{\"type\":\"illegal_argument_exception\","
                + "\"reason\":\"illegal latitude value [91.0] for location\"}}}},"
                + "{\"index\":{\"status\":409,\"error\":{\"type\":\"version_conflict_engine_exception\","
                + "\"reason\":\"[7]: version conflict, current version [200] is higher than the one provided [100]\","
                + "\"index\":\"driver_locations\"}}},"
                + "{\"index\":{\"status\":503,\"error\":{\"type\":\"unavailable_shards_exception\","
                + "\"reason\":\"primary shard is not active\",\"index\":\"driver_locations\"}}}"
                + "]}");

        assertThat(outcome.retry()).containsExactly(0, 4);
        assertThat(outcome.retryReason())
                .isEqualTo("503 unavailable_shards_exception in driver_locations: primary shard is not active");
        assertThat(outcome.rejected())
                .containsExactly(new BulkOutcome.Rejection(
                        2,
                        "400 mapper_parsing_exception in driver_locations_timeseries-2026.11.26: failed to parse field "
                                + "[location] of type [geo_point] (caused by illegal_argument_exception: illegal "
                                + "latitude value [91.0] for location)"));
    }

    @Test
    void aConflictOnATimeSeriesDocumentIsNoOlderPositionAndIsRejected() throws IOException {
        BulkOutcome outcome = read("{\"errors\":true,\"items\":["
                + "{\"index\":{\"status\":409,\"error\":{\"type\":\"version_conflict_engine_exception\","
                + "\"reason\":\"[41]: version conflict\",\"index\":\"driver_locations_timeseries-2026.11.26\"}}},"
                + ok() + "," + ok() + "," + ok() + "," + ok() + "]}");

        assertThat(outcome.retry()).isEmpty();
        assertThat(outcome.rejected())
                .extracting(BulkOutcome.Rejection::position)
                .containsExactly(0);
    }

    @Test
    void aResponseThatDoesNotMatchTheRequestIsNotTrusted() {
        assertThatThrownBy(() -> read("{\"errors\":true,\"items\":[" + ok() + "]}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("1 items for 5 documents");
        assertThatThrownBy(() -> read("<html>bad gateway</html>")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"errors\":true}")).isInstanceOf(IOException.class);
    }

    @Test
    void aWholeRequestIsRetriedOnBusyOrFailingNodesAndRejectedOtherwise() {
        assertThat(BulkOutcome.failed(429, "too many requests", 3).retry()).containsExactly(0, 1, 2);
        assertThat(BulkOutcome.failed(502, "bad gateway", 2).retry()).containsExactly(0, 1);
        assertThat(BulkOutcome.unanswered("Connection refused", 2).retry()).containsExactly(0, 1);
        // a wrong password or a role the node refuses: the documents wait for the login to be fixed
        assertThat(BulkOutcome.failed(401, "security_exception", 2).retry()).containsExactly(0, 1);
        assertThat(BulkOutcome.failed(403, "security_exception", 1).retry()).containsExactly(0);
        assertThat(BulkOutcome.failed(403, "security_exception", 1).rejected()).isEmpty();
        // counted apart by cause: a refused login is not a busy node
        assertThat(List.of(
                        BulkOutcome.failed(401, "security_exception", 1),
                        BulkOutcome.failed(403, "security_exception", 1),
                        BulkOutcome.failed(429, "too many requests", 1),
                        BulkOutcome.failed(502, "bad gateway", 1),
                        BulkOutcome.unanswered("Connection refused", 1)))
                .extracting(BulkOutcome::cause)
                .containsExactly(
                        BulkOutcome.Cause.LOGIN,
                        BulkOutcome.Cause.LOGIN,
                        BulkOutcome.Cause.BUSY,
                        BulkOutcome.Cause.FAILING,
                        BulkOutcome.Cause.UNANSWERED);
        assertThat(BulkOutcome.Cause.of(new java.io.IOException("Connection refused")))
                .isEqualTo(BulkOutcome.Cause.UNANSWERED);
        BulkOutcome refused = BulkOutcome.failed(400, "400 illegal_argument_exception: malformed action", 2);
        assertThat(refused.retry()).isEmpty();
        assertThat(refused.rejected())
                .extracting(BulkOutcome.Rejection::position, BulkOutcome.Rejection::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, "400 illegal_argument_exception: malformed action"),
                        org.assertj.core.groups.Tuple.tuple(1, "400 illegal_argument_exception: malformed action"));
    }
}
