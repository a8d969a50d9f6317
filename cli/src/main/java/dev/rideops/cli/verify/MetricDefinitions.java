package dev.rideops.cli.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.contract.JobJar;
import dev.rideops.contract.JobResources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL definition of every metric over the source tables. It ships in the job jar ({@code kpi/definitions.json})
 * next to the code that computes the metrics, so the job and its oracle always come from the same build.
 */
public record MetricDefinitions(List<BucketMetric> bucketMetrics, List<SnapshotMetric> snapshotMetrics) {

    /** How a metric is compared: counts exactly, sums and means within a relative tolerance. */
    public enum Kind {
        COUNT,
        SUM,
        MEAN,
        RATIO,
        HEALTH
    }

    /** A bucket metric: an aggregate {@code value} over the rows of {@code table} whose {@code time} is in the bucket. */
    public record BucketMetric(
            String metric, Kind kind, String table, String time, String value, String numerator, String denominator) {

        /** Whether the source can recompute it (the pipeline-health ones have no source definition). */
        public boolean checkable() {
            return kind != Kind.HEALTH;
        }

        /** The table and time column whose rows it aggregates, for grouping metrics into one scan. */
        String scan() {
            return table + "." + time;
        }
    }

    public record SnapshotMetric(String metric, String sql) {}

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);

    public static MetricDefinitions fromJobJar(Path jobJar) {
        try (InputStream in = JobJar.at(jobJar).open(JobResources.KPI_DEFINITIONS)) {
            return parse(in);
        } catch (JobJar.MissingResourceException e) {
            throw new RideopsException(e.getMessage(), "rebuild the job jar: ./mvnw -DskipTests package");
        } catch (IOException e) {
            throw new RideopsException(
                    "cannot read " + jobJar + ": " + e.getMessage(), "rebuild the job jar: ./mvnw -DskipTests package");
        }
    }

    public static MetricDefinitions parse(InputStream json) throws IOException {
        return MAPPER.readValue(json, MetricDefinitions.class);
    }

    /** The checkable aggregate metrics, grouped by the scan (table and time column) that computes them. */
    Map<String, List<BucketMetric>> byScan() {
        return bucketMetrics.stream()
                .filter(m -> m.checkable() && m.kind() != Kind.RATIO)
                .collect(Collectors.groupingBy(BucketMetric::scan, LinkedHashMap::new, Collectors.toList()));
    }
}
