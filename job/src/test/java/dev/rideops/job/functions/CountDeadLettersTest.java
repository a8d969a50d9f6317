package dev.rideops.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.job.cdc.DeadLetter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

class CountDeadLettersTest {

    private static long count(MetricListener metrics, String topic, String reason) {
        return metrics.getCounter("topic", topic, "reason", reason, CountDeadLetters.COUNTER)
                .map(Counter::getCount)
                .orElse(0L);
    }

    /** Key-value groups: the reporter makes topic and reason labels, so each pair is its own series. */
    @Test
    void eachTopicAndReasonHasItsOwnCounterAndTheReasonsTextNeverBecomesALabel() {
        MetricListener metrics = new MetricListener();
        CountDeadLetters.Counters counters = new CountDeadLetters.Counters(metrics.getMetricGroup());
        String bookings = "rideops.public.bookings";

        counters.count(new DeadLetter(bookings, "not JSON: Unexpected character ('n')", "{n"));
        counters.count(new DeadLetter(bookings, "not JSON: Unexpected end-of-input", "{"));
        counters.count(new DeadLetter(bookings, "bookings: missing booking_id", "{}"));
        counters.count(new DeadLetter("rideops.public.payments", "not JSON: x", "x"));

        assertThat(count(metrics, bookings, "not_json")).isEqualTo(2);
        assertThat(count(metrics, bookings, "bad_row")).isEqualTo(1);
        assertThat(count(metrics, "rideops.public.payments", "not_json")).isEqualTo(1);
        assertThat(count(metrics, "rideops.public.payments", "bad_row")).isZero();
    }
}
