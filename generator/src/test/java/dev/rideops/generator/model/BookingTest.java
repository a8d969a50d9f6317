package dev.rideops.generator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BookingTest {

    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Booking booking() {
        return BookingBuilder.requestedAt(T0).build();
    }

    @Test
    void movesForwardSettingEachTimestampOnce() {
        Booking b = booking();
        b.accept(7, 30, t(5));
        b.arrive(t(35));
        b.start(t(45));
        b.complete(new BigDecimal("4.20"), t(80));

        BookingRow row = b.row();
        assertThat(row.status()).isEqualTo(BookingStatus.COMPLETED);
        assertThat(row.driverId()).isEqualTo(7L);
        assertThat(row.acceptedAt()).isEqualTo(t(5));
        assertThat(row.arrivedAt()).isEqualTo(t(35));
        assertThat(row.startedAt()).isEqualTo(t(45));
        assertThat(row.completedAt()).isEqualTo(t(80));
        assertThat(row.fareAmount()).isEqualByComparingTo("4.20");
        assertThat(row.cancelledAt()).isNull();
    }

    @Test
    void refusesToSkipStatesOrLeaveAFinalOne() {
        Booking b = booking();
        assertThatThrownBy(() -> b.start(t(1))).hasMessageContaining("cannot move from REQUESTED to IN_PROGRESS");

        b.cancel(CancelledBy.RIDER, "changed plans", t(2));
        assertThatThrownBy(() -> b.accept(3, 10, t(3))).hasMessageContaining("from CANCELLED");
    }

    @Test
    void refusesATimestampBeforeTheLastChange() {
        Booking b = booking();
        b.accept(7, 30, t(10));
        assertThatThrownBy(() -> b.arrive(t(9))).hasMessageContaining("would precede");
    }

    @Test
    void cancelledFromAnyOpenStateButNotAfterCompletion() {
        for (int steps = 0; steps <= 3; steps++) {
            Booking b = booking();
            if (steps > 0) {
                b.accept(1, 10, t(1));
            }
            if (steps > 1) {
                b.arrive(t(2));
            }
            if (steps > 2) {
                b.start(t(3));
            }
            b.cancel(CancelledBy.DRIVER, "x", t(4));
            assertThat(b.status()).isEqualTo(BookingStatus.CANCELLED);
        }
        Booking done = booking();
        done.accept(1, 10, t(1));
        done.arrive(t(2));
        done.start(t(3));
        done.complete(BigDecimal.ONE, t(4));
        assertThatThrownBy(() -> done.cancel(CancelledBy.RIDER, "late", t(5)))
                .isInstanceOf(IllegalStateException.class);
    }
}
