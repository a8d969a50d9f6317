package dev.rideops.job.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.contract.DeadLetterReason;
import dev.rideops.job.functions.RetiredBucket;
import dev.rideops.job.kpi.Contribution;
import dev.rideops.job.kpi.Granularity;
import dev.rideops.job.kpi.LocationDoc;
import dev.rideops.job.kpi.Metric;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each place that dead-letters, through its real code, gets its own bounded name. */
class DeadLetterReasonTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final CdcRecordDeserializer deserializer =
            new CdcRecordDeserializer(3_600_000, RegistrySchemas.none(), NOW::toEpochMilli);

    private String reasonOf(String topic, String json) {
        Decoded d = deserializer
                .decode(topic, json.getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
        assertThat(d.deadLetter).as(json).isNotNull();
        return name(d.deadLetter);
    }

    private static String name(DeadLetter letter) {
        return DeadLetterReason.of(letter.topic, letter.reason);
    }

    @Test
    void decodingFailuresAreNamedByWhatWasWrong() {
        String bookings = "rideops.public.bookings";
        assertThat(reasonOf(bookings, "{not json")).isEqualTo(DeadLetterReason.NOT_JSON);
        assertThat(reasonOf(bookings, "[1, 2]")).isEqualTo(DeadLetterReason.NOT_DEBEZIUM);
        assertThat(reasonOf(bookings, "{\"op\":\"x\",\"after\":{}}")).isEqualTo(DeadLetterReason.BAD_OPERATION);
        assertThat(reasonOf(bookings, "{\"op\":\"c\"}")).isEqualTo(DeadLetterReason.BAD_OPERATION);
        assertThat(reasonOf(bookings, "{\"op\":\"c\",\"after\":{\"booking_id\":\"x\"}}"))
                .isEqualTo(DeadLetterReason.BAD_ROW);
        assertThat(reasonOf("rideops.public.nope", "{\"op\":\"c\",\"after\":{\"id\":1}}"))
                .isEqualTo(DeadLetterReason.UNKNOWN_TABLE);
        assertThat(reasonOf(
                        "rideops.public.driver_location_events",
                        "{\"op\":\"c\",\"after\":{\"event_id\":1,\"driver_id\":7,\"lat\":1.5,\"lon\":2.5,"
                                + "\"speed_kmh\":30,\"heading\":90,\"recorded_at\":\"2026-11-28T14:00:00Z\"}}"))
                .isEqualTo(DeadLetterReason.FUTURE_EVENT_TIME);
    }

    @Test
    void lettersFromLaterStagesAreNamedTooAndNothingElseGrowsTheLabelSet() {
        Contribution late = Contribution.of(Granularity.MINUTE, NOW.toEpochMilli() * 1000, Metric.values()[0], 1);
        assertThat(name(RetiredBucket.deadLetter(late))).isEqualTo(DeadLetterReason.RETIRED_BUCKET);
        assertThat(name(new DeadLetter("t", "not indexed: latitude 95.0 outside [-90, 90]", "")))
                .isEqualTo(DeadLetterReason.NOT_INDEXED);
        assertThat(name(new DeadLetter("t", "something new went wrong with row 42", "")))
                .isEqualTo(DeadLetterReason.OTHER);
        assertThat(name(new DeadLetter("t", null, ""))).isEqualTo(DeadLetterReason.OTHER);
    }

    @Test
    void theSearchSinksLettersAreNamedApartSoOnlyThoseHeldForAFailingNodeAreReplayed() {
        DeadLetter held = new LocationDoc().deadLetter(DeadLetterReason.searchMaxPending(200_000));
        DeadLetter refused =
                new LocationDoc().deadLetter(DeadLetterReason.searchRejected("400 mapper_parsing_exception"));
        DeadLetter invalid = new LocationDoc().deadLetter("not indexed: latitude 95.0 outside [-90, 90]");

        assertThat(name(held)).isEqualTo(DeadLetterReason.SEARCH_MAX_PENDING);
        assertThat(name(refused)).isEqualTo(DeadLetterReason.SEARCH_REJECTED);
        assertThat(name(invalid)).isEqualTo(DeadLetterReason.NOT_INDEXED);
        assertThat(List.of(name(held), name(refused), name(invalid)))
                .allSatisfy(n -> assertThat(DeadLetterReason.kind(n)).isEqualTo(DeadLetterReason.KIND_SEARCH_DOCUMENT))
                .filteredOn(DeadLetterReason::replayableToSearch)
                .containsExactly(DeadLetterReason.SEARCH_MAX_PENDING);
        assertThat(DeadLetterReason.kind(DeadLetterReason.RETIRED_BUCKET))
                .isEqualTo(DeadLetterReason.KIND_BUCKET_CONTRIBUTION);
        assertThat(DeadLetterReason.kind(DeadLetterReason.BAD_ROW)).isEqualTo(DeadLetterReason.KIND_CDC_RECORD);
    }
}
