package dev.rideops.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The line a fault's down time is announced with: said once, however the wait is cut up. */
class ChaosRunWaitTest {

    @Test
    void theDownTimeIsSaidOnceWithWhatComesAfterIt() {
        StringWriter text = new StringWriter();

        long start = System.nanoTime();
        ChaosRun.waitOut(new PrintWriter(text), "flink-taskmanager", "down", Duration.ofMillis(1_200), "started again");

        assertThat(text.toString().lines()).containsExactly("  flink-taskmanager  down for 1200ms, then started again");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1_200));
    }

    @Test
    void aLongDownTimeSaysTheTimeLeftAtEachReminderAndEndsOnTime() {
        StringWriter text = new StringWriter();

        long start = System.nanoTime();
        ChaosRun.waitOut(
                new PrintWriter(text),
                "kafka-1",
                "down",
                Duration.ofMillis(2_500),
                "started again",
                Duration.ofSeconds(1));

        assertThat(text.toString().lines())
                .containsExactly(
                        "  kafka-1            down for 2500ms, then started again",
                        "  kafka-1            down, 2 s left",
                        "  kafka-1            down, 1 s left");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(2_500), Duration.ofMillis(4_000));
    }
}
