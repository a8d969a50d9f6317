package dev.rideops.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.job.cdc.DeadLetter;
import dev.rideops.job.kpi.LocationDoc;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class SearchDocumentCheckTest {

    private static LocationDoc ping(double lat, double lon, double speedKmh, double heading) {
        LocationDoc d = new LocationDoc();
        d.eventId = 41;
        d.driverId = 7;
        d.lat = lat;
        d.lon = lon;
        d.status = "BUSY";
        d.speedKmh = speedKmh;
        d.heading = heading;
        d.recordedAt = 1_795_000_000_000_000L;
        return d;
    }

    @Test
    void theGlobesEdgesAndFiniteMotionAreFine() {
        assertThat(SearchDocumentCheck.problem(ping(90, 180, 0, 0))).isNull();
        assertThat(SearchDocumentCheck.problem(ping(-90, -180, 120.5, 359.9))).isNull();
        assertThat(SearchDocumentCheck.problem(ping(10.77, 106.7, 31.5, 270))).isNull();
    }

    @Test
    void positionsOffTheGlobeAndNonFiniteMotionAreNamed() {
        assertThat(SearchDocumentCheck.problem(ping(90.000001, 0, 0, 0)))
                .isEqualTo("latitude 90.000001 outside [-90, 90]");
        assertThat(SearchDocumentCheck.problem(ping(-91, 0, 0, 0))).startsWith("latitude -91.0");
        assertThat(SearchDocumentCheck.problem(ping(Double.NaN, 0, 0, 0))).startsWith("latitude NaN");
        assertThat(SearchDocumentCheck.problem(ping(0, 180.5, 0, 0))).isEqualTo("longitude 180.5 outside [-180, 180]");
        assertThat(SearchDocumentCheck.problem(ping(0, Double.NEGATIVE_INFINITY, 0, 0)))
                .startsWith("longitude -Infinity");
        assertThat(SearchDocumentCheck.problem(ping(0, 0, Double.NaN, 0)))
                .isEqualTo("speed_kmh NaN is not a finite number");
        assertThat(SearchDocumentCheck.problem(ping(0, 0, 0, Double.POSITIVE_INFINITY)))
                .isEqualTo("heading Infinity is not a finite number");
    }

    @Test
    void aRefusedPingBecomesADeadLetterWithItsDocumentAndTheOthersGoOn() throws Exception {
        OneInputStreamOperatorTestHarness<LocationDoc, LocationDoc> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new SearchDocumentCheck());
        LocationDoc good = ping(10.77, 106.7, 31.5, 270);
        good.eventId = 40;
        harness.processElement(good, 0);
        harness.processElement(ping(95, 106.7, 31.5, 270), 0);

        assertThat(harness.extractOutputValues()).extracting(d -> d.eventId).containsExactly(40L);
        assertThat(harness.getSideOutput(SearchDocumentCheck.DEAD_LETTERS)).hasSize(1);
        DeadLetter letter =
                harness.getSideOutput(SearchDocumentCheck.DEAD_LETTERS).poll().getValue();
        assertThat(letter.topic).isEqualTo("rideops.public.driver_location_events");
        assertThat(letter.reason).isEqualTo("not indexed: latitude 95.0 outside [-90, 90]");
        JsonNode payload = new ObjectMapper().readTree(letter.payload);
        assertThat(payload.path("event_id").asLong()).isEqualTo(41);
        assertThat(payload.at("/location/lat").asDouble()).isEqualTo(95.0);
    }
}
