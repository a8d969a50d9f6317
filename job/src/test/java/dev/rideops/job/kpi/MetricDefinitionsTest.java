package dev.rideops.job.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL definitions the jar ships for {@code rideops verify} cover exactly the catalogue the job computes. */
class MetricDefinitionsTest {

    @Test
    void everyCatalogueMetricHasADefinitionOfItsAggregation() throws Exception {
        JsonNode definitions;
        try (InputStream in = getClass().getResourceAsStream("/kpi/definitions.json")) {
            definitions = new ObjectMapper().readTree(in);
        }
        List<String> defined = new ArrayList<>();
        for (JsonNode d : definitions.path("bucket_metrics")) {
            Metric metric = Metric.byName(d.path("metric").asText());
            defined.add(metric.metricName());
            String kind = d.path("kind").asText();
            switch (metric.aggregation()) {
                case COUNT:
                case DISTINCT:
                    assertThat(kind).as(metric.metricName()).isIn("count", "health");
                    break;
                case SUM:
                case MEAN:
                case RATIO:
                    assertThat(kind)
                            .as(metric.metricName())
                            .isEqualTo(metric.aggregation().name().toLowerCase());
                    break;
                default:
                    throw new AssertionError(metric.aggregation());
            }
            if (metric.aggregation() == Aggregation.RATIO) {
                assertThat(d.path("numerator").asText())
                        .isEqualTo(metric.numerator().metricName());
                assertThat(d.path("denominator").asText())
                        .isEqualTo(metric.denominator().metricName());
            }
        }
        assertThat(defined)
                .containsExactlyInAnyOrderElementsOf(
                        Metric.catalogue().stream().map(Metric::metricName).toList());
    }
}
