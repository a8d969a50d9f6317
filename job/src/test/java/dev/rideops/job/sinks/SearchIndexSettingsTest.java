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

    /** What {@link SearchIndexes#ensure} PUTs from the jar's settings, {@code driver_locations} existing or not. */
    private static RecordingApi ensuredOn(boolean latestExists) throws IOException {
        RecordingApi api = new RecordingApi(latestExists);
        SearchIndexes.ensure(api, JobJar.classpath());
        return api;
    }

    /** The {@code refresh_interval} at {@code pointer} in the body PUT to {@code path}, which must have been PUT. */
    private static String refreshInterval(RecordingApi api, String path, String pointer) {
        assertThat(api.puts).as("PUTs").containsKey(path);
        return api.puts.get(path).at(pointer + "/refresh_interval").asText();
    }

    @Test
    void newDailyIndexesRefreshEveryThirtySecondsAndTheNewestPositionsEveryTwo() throws Exception {
        RecordingApi api = ensuredOn(false);
        assertThat(refreshInterval(api, "/_index_template/driver_locations_timeseries", "/template/settings"))
                .isEqualTo("30s");
        // the bench's search latency probe and the dashboard's map read driver_locations: it stays at 2 s
        assertThat(refreshInterval(api, "/driver_locations", "/settings")).isEqualTo("2s");
    }

    @Test
    void existingIndexesTakeTheJarsRefreshIntervals() throws Exception {
        RecordingApi api = ensuredOn(true);
        assertThat(refreshInterval(api, "/driver_locations_timeseries-*/_settings?allow_no_indices=true", "/index"))
                .isEqualTo("30s");
        assertThat(refreshInterval(api, "/driver_locations/_settings", "/index"))
                .isEqualTo("2s");
        assertThat(api.puts).doesNotContainKey("/driver_locations");
    }

    @Test
    void everyIndexFlushesItsTranslogEvery16MbSoACrashedNodeReplaysLittle() throws Exception {
        RecordingApi created = ensuredOn(false);
        RecordingApi existing = ensuredOn(true);

        assertThat(created.puts
                        .get("/_index_template/driver_locations_timeseries")
                        .at("/template/settings/translog/flush_threshold_size")
                        .asText())
                .isEqualTo("16mb");
        assertThat(created.puts
                        .get("/driver_locations")
                        .at("/settings/translog/flush_threshold_size")
                        .asText())
                .isEqualTo("16mb");
        // a dynamic setting: the open indexes of an existing home take it too
        assertThat(existing.puts
                        .get("/driver_locations_timeseries-*/_settings?allow_no_indices=true")
                        .at("/index/translog/flush_threshold_size")
                        .asText())
                .isEqualTo("16mb");
        assertThat(existing.puts
                        .get("/driver_locations/_settings")
                        .at("/index/translog/flush_threshold_size")
                        .asText())
                .isEqualTo("16mb");
    }
}
