package dev.rideops.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.clients.search.PingReindex;
import dev.rideops.contract.DeadLetterReason;
import dev.rideops.contract.DeadLetterRecord;
import dev.rideops.contract.PingDocument;
import dev.rideops.job.kpi.LocationDoc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter record as the job writes it and {@code rideops dead-letters replay} reads it: a ping held back for
 * a failing search node comes back as the same document, and the replay's bulk request is the one the sink would
 * have sent.
 */
class DeadLetterReplayFormatTest {

    private static LocationDoc ping(long eventId, long driverId, String utc) {
        LocationDoc d = new LocationDoc();
        d.eventId = eventId;
        d.driverId = driverId;
        d.lat = -33.868820;
        d.lon = 151.209296;
        d.status = "BUSY";
        d.speedKmh = 42.25;
        d.heading = 359.5;
        Instant t = Instant.parse(utc);
        d.recordedAt = t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
        return d;
    }

    private static byte[] onTheTopic(LocationDoc doc, String reason) {
        return new DeadLetterSerializer("rideops.dlq")
                .serialize(doc.deadLetter(reason), null, null)
                .value();
    }

    @Test
    void aPingHeldForAFailingNodeComesBackAsTheDocumentTheSinkWouldHaveIndexed() throws IOException {
        LocationDoc doc = ping(9_000_001, 77, "2026-11-30T06:26:59.123456Z");

        DeadLetterRecord record = DeadLetterRecord.parse(onTheTopic(doc, DeadLetterReason.searchMaxPending(200_000)));
        PingDocument replayed = PingDocument.parse(record.payload());

        assertThat(record.topic()).isEqualTo("rideops.public.driver_location_events");
        assertThat(record.reasonName()).isEqualTo(DeadLetterReason.SEARCH_MAX_PENDING);
        assertThat(DeadLetterReason.replayableToSearch(record.reasonName())).isTrue();
        assertThat(replayed.eventId()).isEqualTo(doc.eventId);
        assertThat(replayed.driverId()).isEqualTo(doc.driverId);
        assertThat(replayed.recordedAtMicros()).isEqualTo(doc.recordedAt);
        assertThat(PingReindex.body(List.of(replayed), List.of(replayed)))
                .as("same indexes, ids, version and document bytes as the sink's own request")
                .isEqualTo(new DocBatch(List.of(doc), List.of(doc)).body());
    }

    @Test
    void aDocumentTheNodeRefusedForGoodIsNotReplayable() throws IOException {
        DeadLetterRecord record = DeadLetterRecord.parse(onTheTopic(
                ping(1, 2, "2026-11-30T06:00:00Z"),
                DeadLetterReason.searchRejected("400 mapper_parsing_exception in driver_locations: bad")));

        assertThat(record.reasonName()).isEqualTo(DeadLetterReason.SEARCH_REJECTED);
        assertThat(DeadLetterReason.replayableToSearch(record.reasonName())).isFalse();
    }

    @Test
    void recordsOfOtherVersionsAreReadAndAValueThatIsNoLetterIsNamed() throws IOException {
        DeadLetterRecord withMore =
                DeadLetterRecord.parse("{\"topic\":\"t\",\"reason\":\"not JSON: x\",\"payload\":\"{\",\"version\":2}"
                        .getBytes(StandardCharsets.UTF_8));
        DeadLetterRecord withLess = DeadLetterRecord.parse("{\"reason\":\"r\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(withMore).isEqualTo(new DeadLetterRecord("t", "not JSON: x", "{"));
        assertThat(withLess).isEqualTo(new DeadLetterRecord(null, "r", null));
        assertThatThrownBy(() -> DeadLetterRecord.parse("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a dead letter");
        assertThatThrownBy(() -> PingDocument.parse("{\"event_id\":1,\"driver_id\":2,\"updated_at\":\"soon\"}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("updated_at");
    }
}
