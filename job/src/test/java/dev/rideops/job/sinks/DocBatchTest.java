package dev.rideops.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.job.kpi.LocationDoc;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocationDoc ping(long eventId, long driverId, String utc) {
        LocationDoc d = new LocationDoc();
        d.eventId = eventId;
        d.driverId = driverId;
        d.lat = 52.520008;
        d.lon = -13.404954;
        d.status = "AVAILABLE";
        d.speedKmh = 31.5;
        d.heading = 270.0;
        java.time.Instant t = java.time.Instant.parse(utc);
        d.recordedAt = t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
        return d;
    }

    private static List<JsonNode> lines(String body) throws IOException {
        assertThat(body).endsWith("\n");
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : body.split("\n")) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void pingsGoToTheirDayAndTheNewestPositionIsVersionedByEventTime() throws IOException {
        LocationDoc beforeMidnight = ping(41, 7, "2026-11-25T23:59:59.999999Z");
        LocationDoc afterMidnight = ping(42, 7, "2026-11-26T00:00:00.000001Z");

        List<JsonNode> l = lines(new DocBatch(List.of(beforeMidnight, afterMidnight), List.of(afterMidnight)).body());

        assertThat(l).hasSize(6);
        assertThat(l.get(0).at("/index/_index").asText()).isEqualTo("driver_locations_timeseries-2026.11.25");
        assertThat(l.get(0).at("/index/_id").asText()).isEqualTo("41");
        assertThat(l.get(2).at("/index/_index").asText()).isEqualTo("driver_locations_timeseries-2026.11.26");
        JsonNode latest = l.get(4).path("index");
        assertThat(latest.path("_index").asText()).isEqualTo("driver_locations");
        assertThat(latest.path("_id").asText()).isEqualTo("7");
        assertThat(latest.path("version").asLong()).isEqualTo(afterMidnight.recordedAt);
        assertThat(latest.path("version_type").asText()).isEqualTo("external_gte");
        JsonNode doc = l.get(5);
        assertThat(doc.path("event_id").asLong()).isEqualTo(42);
        assertThat(doc.at("/location/lat").asDouble()).isEqualTo(52.520008);
        assertThat(doc.at("/location/lon").asDouble()).isEqualTo(-13.404954);
        assertThat(doc.path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(doc.path("speed_kmh").asDouble()).isEqualTo(31.5);
        assertThat(doc.path("updated_at").asText()).isEqualTo("2026-11-26T00:00:00.000001Z");
    }

    @Test
    void aBatchWithoutLatestPositionsHasOnlyTimeSeriesDocuments() throws IOException {
        List<JsonNode> l = lines(new DocBatch(List.of(ping(1, 2, "2026-11-26T10:00:00Z")), List.of()).body());

        assertThat(l).hasSize(2);
        assertThat(l.get(1).path("updated_at").asText()).isEqualTo("2026-11-26T10:00:00Z");
    }

    @Test
    void theWritersStateComesBackFromACheckpointAsItWent() throws IOException {
        LocationDoc ping = ping(41, 7, "2026-11-26T10:00:00.123456Z");
        LocationDoc newest = ping(42, 8, "2026-11-26T10:00:01Z");
        newest.status = "BUSY";
        DocBatch state = new DocBatch(List.of(ping), List.of(newest));
        DocBatchSerializer serializer = new DocBatchSerializer();

        DocBatch restored = serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(restored.body()).isEqualTo(state.body());
        assertThat(restored.latest())
                .singleElement()
                .satisfies(d -> assertThat(d.status).isEqualTo("BUSY"));
        assertThat(serializer
                        .deserialize(1, serializer.serialize(DocBatch.EMPTY))
                        .size())
                .isZero();
    }
}
