package dev.rideops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeLockTest {

    @TempDir
    Path home;

    @Test
    void aSecondTakerIsRefusedWithTheHoldersDescription() throws Exception {
        Instant before = Instant.now();
        try (HomeLock held = HomeLock.acquire(home, "rideops up --volume large")) {
            HomeLock.HeldException refused =
                    catchThrowableOfType(HomeLock.HeldException.class, () -> HomeLock.acquire(home, "rideops deploy"));

            HomeLock.Holder holder = refused.holder().orElseThrow();
            assertThat(holder.command()).isEqualTo("rideops up --volume large");
            assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(holder.since()).isBetween(before.minusSeconds(1), Instant.now());
            assertThat(refused).hasMessageContaining("'rideops up --volume large' (pid ");
        }
    }

    @Test
    void closingReleasesItAndForgetsTheHolder() throws Exception {
        HomeLock.acquire(home, "rideops down").close();

        assertThat(Files.readString(HomeLock.file(home))).isEmpty();
        try (HomeLock again = HomeLock.acquire(home, "rideops up")) {
            assertThat(Files.readString(HomeLock.file(home))).contains("\"command\":\"rideops up\"");
        }
    }

    @Test
    void aMissingHomeIsCreated() throws Exception {
        Path fresh = home.resolve("not/yet");
        try (HomeLock lock = HomeLock.acquire(fresh, "rideops up")) {
            assertThat(HomeLock.file(fresh)).isRegularFile();
        }
    }

    @Test
    void anUnreadableDescriptionStillRefusesButNamesNoHolder() throws Exception {
        try (HomeLock held = HomeLock.acquire(home, "rideops up")) {
            Files.writeString(HomeLock.file(home), "not json");

            assertThatThrownBy(() -> HomeLock.acquire(home, "rideops deploy"))
                    .isInstanceOfSatisfying(
                            HomeLock.HeldException.class,
                            e -> assertThat(e.holder()).isEmpty());
        }
    }

    @Test
    void theHolderIsDescribedByCommandPidAndLocalTimeWithTheDateWhenNotToday() {
        Instant today = LocalDateTime.now(ZoneOffset.UTC)
                .withHour(21)
                .withMinute(4)
                .withSecond(5)
                .withNano(0)
                .toInstant(ZoneOffset.UTC);
        Instant lastWeek = today.minus(Duration.ofDays(7));

        assertThat(new HomeLock.Holder("rideops up --volume large", 1234, today).describe(ZoneOffset.UTC))
                .isEqualTo("'rideops up --volume large' (pid 1234, since 21:04:05)");
        assertThat(new HomeLock.Holder("rideops down", 99, lastWeek).describe(ZoneOffset.UTC))
                .matches("'rideops down' \\(pid 99, since \\d{4}-\\d\\d-\\d\\d 21:04:05\\)");
    }
}
