package dev.rideops.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.contract.JobJar;
import dev.rideops.contract.SearchIndexes;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped index settings as {@link SearchIndexes#ensure} applies them, to a new home and to an existing one. */
class SearchIndexSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Remembers every PUT by path; {@code driver_locations} exists when told so. */
    private static final class RecordingApi implements SearchIndexes.Api {
        final Map<String, JsonNode> puts = new LinkedHashMap<>();
        final boolean latestExists;

        RecordingApi(boolean latestExists) {
            this.latestExists = latestExists;
        }

        @Override
        public boolean exists(String path) {
            return latestExists && path.equals("/" + SearchIndexes.LATEST);
        }

        @Override
        public void put(String path, String json) throws IOException {
            puts.put(path, JSON.readTree(json));
        }
    }

    @Test
    void newDailyIndexesRefreshEveryThirtySecondsAndTheNewestPositionsEveryTwo() throws Exception {
        RecordingApi api = new RecordingApi(false);
        SearchIndexes.ensure(api, JobJar.classpath());
        assertThat(api.puts
                        .get("/_index_template/driver_locations_timeseries")
                        .at("/template/settings/refresh_interval")
                        .asText())
                .isEqualTo("30s");
        // the bench's search latency probe and the dashboard's map read driver_locations: it stays at 2 s
        assertThat(api.puts
                        .get("/driver_locations")
                        .at("/settings/refresh_interval")
                        .asText())
                .isEqualTo("2s");
    }

    @Test
    void existingIndexesTakeTheJarsRefreshIntervals() throws Exception {
        RecordingApi api = new RecordingApi(true);
        SearchIndexes.ensure(api, JobJar.classpath());
        assertThat(api.puts
                        .get("/driver_locations_timeseries-*/_settings?allow_no_indices=true")
                        .at("/index/refresh_interval")
                        .asText())
                .isEqualTo("30s");
        assertThat(api.puts
                        .get("/driver_locations/_settings")
                        .at("/index/refresh_interval")
                        .asText())
                .isEqualTo("2s");
        assertThat(api.puts).doesNotContainKey("/driver_locations");
    }
}
