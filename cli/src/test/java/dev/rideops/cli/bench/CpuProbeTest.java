package dev.rideops.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The machine's speed as the CPU time of one fixed piece of work. */
class CpuProbeTest {

    @Test
    void theSameWorkTakesAboutTheSameCpuTimeTwiceInARow() {
        long first = CpuProbe.millis();
        long second = CpuProbe.millis();

        // real work (tens of milliseconds on any machine), and a figure steady enough to compare runs with
        assertThat(first).isGreaterThanOrEqualTo(10);
        assertThat((double) second).isBetween(first / 2.0, first * 2.0);
    }
}
