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
}
