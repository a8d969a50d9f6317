package dev.rideops.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ChangedLinesTest {

    private final StringWriter text = new StringWriter();
    private final ChangedLines lines = new ChangedLines(new PrintWriter(text));

    @Test
    void aStateSeenManyTimesIsSaidOnce() {
        for (int look = 0; look < 20; look++) {
            lines.print("  waiting for the job to catch up: lag 1200 records, snapshot empty");
        }

        assertThat(text.toString().lines())
                .containsExactly("  waiting for the job to catch up: lag 1200 records, snapshot empty");
    }

    @Test
    void eachChangeIsSaidOnceMoreAndAStateThatComesBackIsSaidAgain() {
        for (String line : new String[] {"lag 900", "lag 900", "lag 300", "lag 300", "lag 300", "lag 900"}) {
            lines.print(line);
        }

        assertThat(text.toString().lines()).containsExactly("lag 900", "lag 300", "lag 900");
    }

    @Test
    void aStateThatHoldsLongIsSaidAgainWithHowLongItHeld() {
        long[] now = {0};
        ChangedLines clocked = new ChangedLines(new PrintWriter(text), () -> now[0]);
        for (int second = 0; second <= 65; second++) {
            now[0] = second * 1_000_000_000L;
            clocked.print("waiting: lag unknown, snapshot empty");
        }

        assertThat(text.toString().lines())
                .containsExactly(
                        "waiting: lag unknown, snapshot empty",
                        "waiting: lag unknown, snapshot empty (unchanged for 30 s)",
                        "waiting: lag unknown, snapshot empty (unchanged for 60 s)");
    }

    @Test
    void printSaysWhetherItPrinted() {
        assertThat(lines.print("paused")).isTrue();
        assertThat(lines.print("paused")).isFalse();
    }
}
