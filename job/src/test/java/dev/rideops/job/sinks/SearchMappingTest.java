package dev.rideops.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.contract.JobJar;
import dev.rideops.contract.JobResources;
import org.junit.jupiter.api.Test;

/**
 * The shipped mapping indexes only what is queried. Who reads which field: {@code verify} sorts
 * {@code driver_locations} by {@code driver_id} and filters and histograms both by {@code updated_at}; the bench's
 * search probe takes the max of {@code updated_at}; the dashboard filters the time series by {@code driver_id} and
 * sorts by {@code updated_at}, and boxes {@code driver_locations} by {@code location}; Kibana filters by time and
 * {@code driver_id}, aggregates {@code driver_id}, {@code status}, {@code speed_kmh} and {@code location}. Nothing
 * searches {@code event_id}, {@code speed_kmh} or {@code heading}: they are read from {@code _source}.
 */
class SearchMappingTest {

    private static JsonNode field(String name) throws Exception {
        return JobJar.classpath()
                .json(JobResources.SEARCH_MAPPING)
                .path("properties")
                .path(name);
    }

    @Test
    void fieldsNothingSearchesBuildNoPointIndex() throws Exception {
        for (String name : new String[] {"event_id", "speed_kmh", "heading"}) {
            assertThat(field(name).path("index").asBoolean(true)).as(name).isFalse();
        }
    }

    @Test
    void fieldsNothingAggregatesOrSortsKeepNoDocValues() throws Exception {
        assertThat(field("event_id").path("doc_values").asBoolean(true)).isFalse();
        assertThat(field("heading").path("doc_values").asBoolean(true)).isFalse();
        // Kibana's "mean speed" chart averages it
        assertThat(field("speed_kmh").path("doc_values").asBoolean(true)).isTrue();
    }

    @Test
    void queriedFieldsStayIndexedWithDocValues() throws Exception {
        for (String name : new String[] {"driver_id", "location", "status", "updated_at"}) {
            assertThat(field(name).path("type").isTextual()).as(name).isTrue();
            assertThat(field(name).path("index").asBoolean(true)).as(name).isTrue();
            assertThat(field(name).path("doc_values").asBoolean(true)).as(name).isTrue();
        }
    }
}
