package dev.rideops.cli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.prometheus.FiringPeriod;
import dev.rideops.stack.lifecycle.LogRotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertHistoryTest {

    private static final Instant FROM = Instant.parse("2026-11-28T20:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-28T23:00:00Z");
    private static final Map<String, String> FLINK = Map.of("instance", "127.0.0.1:9249", "job", "flink");

    @TempDir
    Path dir;

    private static LoggedAlert line(String status, String name, String startsAt, String endsAt, String receivedAt) {
        return new LoggedAlert(status, name, "warning", FLINK, startsAt, endsAt, "", receivedAt);
    }

    @Test
    void aFiringLineAndItsResolutionAreOnePeriodHowEverOftenRepeated() {
        List<LoggedAlert> log = List.of(
                line("firing", "RideopsJobRestarting", "2026-11-28T21:00:00Z", "", "2026-11-28T21:00:10Z"),
                line("firing", "RideopsJobRestarting", "2026-11-28T21:00:00Z", "", "2026-11-28T21:05:10Z"),
                line(
                        "resolved",
                        "RideopsJobRestarting",
                        "2026-11-28T21:00:00Z",
                        "2026-11-28T21:12:30Z",
                        "2026-11-28T21:13:10Z"),
                line("firing", "RideopsMartStale", "2026-11-28T22:00:00Z", "", "2026-11-28T22:00:10Z"));

        List<FiringPeriod> periods = AlertHistory.periods(log, FROM, TO);

        assertThat(periods)
                .containsExactly(
                        new FiringPeriod(
                                "RideopsJobRestarting",
                                "warning",
                                FLINK,
                                Instant.parse("2026-11-28T21:00:00Z"),
                                Instant.parse("2026-11-28T21:12:30Z"),
                                false),
                        new FiringPeriod(
                                "RideopsMartStale", "warning", FLINK, Instant.parse("2026-11-28T22:00:00Z"), TO, true));
        assertThat(periods.get(0).lasted().toSeconds()).isEqualTo(750);
    }

    @Test
    void periodsOutsideTheWindowAreLeftOutAndALostResolutionEndsAtTheLastNotification() {
        List<LoggedAlert> log = List.of(
                line("firing", "RideopsJobRestarting", "2026-11-28T18:00:00Z", "", "2026-11-28T18:00:10Z"),
                line(
                        "resolved",
                        "RideopsJobRestarting",
                        "2026-11-28T18:00:00Z",
                        "2026-11-28T19:00:00Z",
                        "2026-11-28T19:01:00Z"),
                // never resolved in the log: a newer period of the same alert says it ended
                line("firing", "RideopsMartStale", "2026-11-28T20:30:00Z", "", "2026-11-28T20:30:10Z"),
                line("firing", "RideopsMartStale", "2026-11-28T21:30:00Z", "", "2026-11-28T21:30:10Z"),
                line(
                        "resolved",
                        "RideopsMartStale",
                        "2026-11-28T21:30:00Z",
                        "2026-11-28T21:40:00Z",
                        "2026-11-28T21:41:00Z"));

        List<FiringPeriod> periods = AlertHistory.periods(log, FROM, TO);

        assertThat(periods)
                .extracting(p -> p.name() + " " + p.from() + " " + p.to() + " " + p.ongoing())
                .containsExactly(
                        "RideopsMartStale 2026-11-28T20:30:00Z 2026-11-28T20:30:10Z false",
                        "RideopsMartStale 2026-11-28T21:30:00Z 2026-11-28T21:40:00Z false");
    }

    /** Read back across a rotation, the oldest first; a torn line is skipped. */
    @Test
    void theLogIsReadAcrossItsRotatedFiles() throws IOException {
        AlertLog log = new AlertLog(dir.resolve("alerts.log"), new LogRotation(10, 3));
        log.append(List.of(line("firing", "A", "2026-11-28T21:00:00Z", "", "2026-11-28T21:00:10Z")));
        log.append(List.of(line("firing", "B", "2026-11-28T21:00:00Z", "", "2026-11-28T21:00:10Z")));
        Files.writeString(dir.resolve("alerts.log"), "{\"status\":\"fir", java.nio.file.StandardOpenOption.APPEND);
        log.append(List.of(line("firing", "C", "2026-11-28T21:00:00Z", "", "2026-11-28T21:00:10Z")));

        assertThat(dir.resolve("alerts.log.2")).exists();
        assertThat(log.read()).extracting(LoggedAlert::alertname).containsExactly("A", "B", "C");
    }

    /** After a line cut short by a kill, the next alert still gets a line of its own. */
    @Test
    void aTornLineCostsOnlyItself() throws IOException {
        AlertLog log = new AlertLog(dir.resolve("alerts.log"), new LogRotation(1 << 20, 3));
        log.append(List.of(line("firing", "A", "2026-11-28T21:00:00Z", "", "2026-11-28T21:00:10Z")));
        Files.writeString(dir.resolve("alerts.log"), "{\"status\":\"fir", java.nio.file.StandardOpenOption.APPEND);
        log.append(List.of(line("firing", "B", "2026-11-28T21:00:00Z", "", "2026-11-28T21:00:10Z")));

        assertThat(log.read()).extracting(LoggedAlert::alertname).containsExactly("A", "B");
    }
}
