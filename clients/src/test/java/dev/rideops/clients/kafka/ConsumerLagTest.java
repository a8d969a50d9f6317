package dev.rideops.clients.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.kafka.ConsumerLag.TopicLag;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static final TopicPartition BOOKINGS_0 = new TopicPartition("rideops.public.bookings", 0);
    private static final TopicPartition BOOKINGS_1 = new TopicPartition("rideops.public.bookings", 1);
    private static final TopicPartition DRIVERS_0 = new TopicPartition("rideops.public.drivers", 0);

    @Test
    void aTopicIsAsLateAsTheOldestRecordWaitingOnAnyOfItsPartitionsAndACaughtUpOneIsZero() {
        Map<String, TopicLag> lag = ConsumerLag.lag(
                Map.of(BOOKINGS_0, 100L, BOOKINGS_1, 50L, DRIVERS_0, 7L),
                Map.of(BOOKINGS_0, 130L, BOOKINGS_1, 60L, DRIVERS_0, 7L),
                Map.of(BOOKINGS_0, NOW.minusMillis(4_500), BOOKINGS_1, NOW.minusSeconds(90)),
                NOW);

        assertThat(lag)
                .containsEntry("rideops.public.bookings", new TopicLag(40, 90.0))
                .containsEntry("rideops.public.drivers", new TopicLag(0, 0.0));
    }

    @Test
    void waitingRecordsWhoseAgeCouldNotBeReadHaveNoSecondsRatherThanAZeroThatReadsAsCaughtUp() {
        Map<String, TopicLag> lag = ConsumerLag.lag(Map.of(DRIVERS_0, 7L), Map.of(DRIVERS_0, 9L), Map.of(), NOW);

        assertThat(lag).containsEntry("rideops.public.drivers", new TopicLag(2, null));
    }

    @Test
    void aRecordStampedAfterNowByASkewedClockIsNotANegativeLag() {
        Map<String, TopicLag> lag = ConsumerLag.lag(
                Map.of(DRIVERS_0, 7L), Map.of(DRIVERS_0, 9L), Map.of(DRIVERS_0, NOW.plusSeconds(2)), NOW);

        assertThat(lag.get("rideops.public.drivers").seconds()).isZero();
    }

    @Test
    void overAllTopicsTheLagIsTheRecordsSummedAndTheOldestWaitOfALaggingTopic() {
        ConsumerLag.Summary lag = ConsumerLag.Summary.of(Map.of(
                "rideops.public.bookings", new TopicLag(40, 90.0),
                "rideops.public.drivers", new TopicLag(2, 4.5),
                "rideops.public.ratings", new TopicLag(0, 0.0)));

        assertThat(lag).isEqualTo(new ConsumerLag.Summary(42, 90.0));
    }

    @Test
    void aLaggingTopicWhoseAgeIsUnknownIsNotReportedCaughtUpByAnotherTopicsZero() {
        assertThat(ConsumerLag.Summary.of(Map.of(
                        "rideops.public.bookings", new TopicLag(0, 0.0),
                        "rideops.public.drivers", new TopicLag(2, null))))
                .isEqualTo(new ConsumerLag.Summary(2, null));
        assertThat(ConsumerLag.Summary.of(Map.of("rideops.public.bookings", new TopicLag(0, 0.0))))
                .isEqualTo(new ConsumerLag.Summary(0, 0.0));
        // nothing committed, or Kafka not answering
        assertThat(ConsumerLag.Summary.of(Map.of())).isEqualTo(new ConsumerLag.Summary(-1, null));
    }
}
