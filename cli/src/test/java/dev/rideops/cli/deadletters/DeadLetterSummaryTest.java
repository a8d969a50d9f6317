package dev.rideops.cli.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.kafka.DeadLetterLog;
import dev.rideops.contract.DeadLetterReason;
import dev.rideops.contract.DeadLetterRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterSummaryTest {

    private static final String PINGS = "rideops.public.driver_location_events";

    private static DeadLetterLog.Letter letter(int partition, long offset, String topic, String reason) {
        return new DeadLetterLog.Letter(partition, offset, new DeadLetterRecord(topic, reason, "{}"), null);
    }

    private static void addAll(DeadLetterSummary summary) {
        summary.add(letter(0, 0, PINGS, DeadLetterReason.searchMaxPending(200_000)));
        summary.add(letter(0, 1, PINGS, DeadLetterReason.searchMaxPending(200_000)));
        summary.add(letter(1, 0, PINGS, DeadLetterReason.searchMaxPending(200_000)));
        summary.add(letter(1, 1, PINGS, "not indexed: latitude 95.0 outside [-90, 90]"));
        summary.add(letter(2, 0, "rideops.public.bookings", "not JSON: Unexpected character"));
        summary.add(new DeadLetterLog.Letter(2, 1, null, "not a dead letter"));
    }

    @Test
    void lettersAreCountedByReasonAndKindAndOnlyThoseAfterTheReplaysPositionAreLeftToReplay() {
        DeadLetterSummary summary = new DeadLetterSummary(Map.of(0, 1L));
        addAll(summary);

        DeadLetterSummary.Report report = summary.report("rideops.dlq");

        assertThat(report.records()).isEqualTo(6);
        assertThat(report.byReason())
                .containsExactly(
                        new DeadLetterSummary.ReasonCount(
                                "not_indexed", DeadLetterReason.KIND_SEARCH_DOCUMENT, 1, false, null),
                        new DeadLetterSummary.ReasonCount("not_json", DeadLetterReason.KIND_CDC_RECORD, 1, false, null),
                        new DeadLetterSummary.ReasonCount(
                                "search_max_pending", DeadLetterReason.KIND_SEARCH_DOCUMENT, 3, true, 2L),
                        new DeadLetterSummary.ReasonCount("unreadable", "unreadable", 1, false, null));
        assertThat(report.byKind())
                .containsExactly(
                        new DeadLetterSummary.KindCount(DeadLetterReason.KIND_CDC_RECORD, 1),
                        new DeadLetterSummary.KindCount(DeadLetterReason.KIND_SEARCH_DOCUMENT, 4),
                        new DeadLetterSummary.KindCount("unreadable", 1));
        assertThat(report.toReplay())
                .as("partition 0 replayed up to offset 1, partition 1 not at all")
                .isEqualTo(2);
    }

    @Test
    void whereTheReplayGotToMayBeUnknownButTheCountsStand() {
        DeadLetterSummary summary = new DeadLetterSummary(null);
        addAll(summary);

        DeadLetterSummary.Report report = summary.report("rideops.dlq");

        assertThat(report.toReplay()).isNull();
        assertThat(report.byReason())
                .filteredOn(DeadLetterSummary.ReasonCount::replayable)
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.records()).isEqualTo(3);
                    assertThat(r.notReplayed()).isNull();
                });
    }
}
