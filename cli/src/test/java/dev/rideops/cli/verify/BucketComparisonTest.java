package dev.rideops.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.cli.output.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BucketComparisonTest {

    private static final BucketKey B0 = new BucketKey("MINUTE", Instant.parse("2026-03-02T08:00:00Z"));
    private static final BucketKey B1 = new BucketKey("MINUTE", Instant.parse("2026-03-02T08:01:00Z"));

    private static MetricDefinitions definitions;

    /** The definitions the job jar ships, read from the job module's sources. */
    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = Files.newInputStream(
                Path.of("../job/src/main/resources", dev.rideops.contract.JobResources.KPI_DEFINITIONS))) {
            definitions = MetricDefinitions.parse(in);
        }
    }

    private static CheckResult result(List<CheckResult> results, String metric) {
        return results.stream()
                .filter(r -> r.check().equals(metric))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void equalValuesPassAndAZeroCountIsAnAbsentRow() {
        Map<BucketKey, Map<String, Double>> source = Map.of(
                B0, Map.of("rides_requested", 4.0, "rides_accepted", 3.0, "rides_cancelled", 0.0, "gmv", 12.5),
                B1, Map.of("rides_requested", 0.0));
        Map<BucketKey, Map<String, Double>> mart = Map.of(
                B0,
                Map.of(
                        "rides_requested",
                        4.0,
                        "rides_accepted",
                        3.0,
                        "gmv",
                        12.5 * (1 + 1e-9),
                        "match_rate",
                        0.75,
                        "cancel_rate",
                        0.0,
                        "completion_rate",
                        0.0));

        List<CheckResult> results = BucketComparison.compare(definitions, source, mart);

        assertThat(results)
                .allSatisfy(r -> assertThat(r.mismatches()).as(r.toString()).isZero());
        assertThat(result(results, "rides_requested").checked()).isEqualTo(1);
        assertThat(result(results, "match_rate").checked()).isEqualTo(1);
        assertThat(result(results, "rides_cancelled").checked()).isZero();
    }

    @Test
    void aCountOffByOneAMissingRowAndASumOutsideTheToleranceAreMismatches() {
        Map<BucketKey, Map<String, Double>> source = Map.of(
                B0, Map.of("rides_requested", 4.0, "rides_accepted", 2.0, "gmv", 100.0),
                B1, Map.of("rides_requested", 1.0, "avg_fare", 7.0));
        Map<BucketKey, Map<String, Double>> mart = Map.of(
                B0, Map.of("rides_requested", 5.0, "rides_accepted", 2.0, "gmv", 100.001, "match_rate", 0.5),
                B1, Map.of("rides_requested", 1.0, "match_rate", 0.0));

        List<CheckResult> results = BucketComparison.compare(definitions, source, mart);

        assertThat(result(results, "rides_requested").mismatches()).isEqualTo(1);
        assertThat(result(results, "rides_requested").worst()).isEqualTo(B0 + ": source 4, mart 5");
        assertThat(result(results, "gmv").mismatches()).isEqualTo(1);
        assertThat(result(results, "avg_fare").worst()).isEqualTo(B1 + ": source 7, mart no row");
        // the ratio follows the source counts (2 / 4), so the mart's 0.5 is right even though its count is not
        assertThat(result(results, "match_rate").mismatches()).isZero();
    }

    /** --json lists every differing bucket up to the limit, in time order, with both values; the count is all. */
    @Test
    void theJsonListsTheFirstTwentyDifferingBucketsWithTheirKeysAndBothValues() throws Exception {
        Map<BucketKey, Map<String, Double>> source = new HashMap<>();
        Map<BucketKey, Map<String, Double>> mart = new HashMap<>();
        for (int minute = 0; minute < 25; minute++) {
            BucketKey bucket = new BucketKey("MINUTE", B0.start().plusSeconds(60L * minute));
            source.put(bucket, Map.of("rides_requested", 4.0));
            if (minute > 0) {
                mart.put(bucket, Map.of("rides_requested", 5.0));
            }
        }

        CheckResult requested = result(BucketComparison.compare(definitions, source, mart), "rides_requested");
        JsonNode json = Json.mapper().valueToTree(requested);

        assertThat(json.path("mismatches").asLong()).isEqualTo(25);
        assertThat(json.path("mismatched")).hasSize(Mismatch.LIMIT);
        assertThat(json.at("/mismatched/0").toString())
                .isEqualTo("{\"key\":{\"granularity\":\"MINUTE\",\"start\":\"2026-03-02T08:00:00Z\"},"
                        + "\"source\":4.0,\"target\":null}");
        assertThat(json.at("/mismatched/19").toString())
                .isEqualTo("{\"key\":{\"granularity\":\"MINUTE\",\"start\":\"2026-03-02T08:19:00Z\"},"
                        + "\"source\":4.0,\"target\":5.0}");
        assertThat(json.path("worst").asText()).isEqualTo(B0 + ": source 4, mart no row");
    }

    @Test
    void everyAggregateMetricIsComputedByOneScanPerTableAndTimeColumn() {
        Map<String, List<MetricDefinitions.BucketMetric>> scans = definitions.byScan();
        assertThat(scans)
                .containsKeys(
                        "bookings.requested_at",
                        "bookings.completed_at",
                        "driver_location_events.recorded_at",
                        "payments.created_at",
                        "ratings.created_at");
        String sql = SourceTruth.scanSql(scans.get("payments.created_at"), true);
        assertThat(sql)
                .startsWith("SELECT CASE WHEN GROUPING(date_trunc('minute', created_at)) = 0")
                .contains("(count(*) FILTER (WHERE status = 'FAILED'))::double precision")
                .contains("FROM payments WHERE created_at >= ?")
                .endsWith("GROUP BY GROUPING SETS ((date_trunc('minute', created_at)), (date_trunc('hour', "
                        + "created_at)))");
        assertThat(definitions.snapshotMetrics())
                .extracting(MetricDefinitions.SnapshotMetric::metric)
                .containsExactly("drivers_available", "drivers_busy", "drivers_offline", "open_bookings");
    }
}
