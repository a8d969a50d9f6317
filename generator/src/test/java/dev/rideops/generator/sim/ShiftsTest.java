package dev.rideops.generator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ShiftsTest {

    private static final Instant MONDAY = LocalDateTime.of(2026, 3, 2, 0, 0).toInstant(DayCurve.LOCAL);

    @Test
    void aDriverWorksOneShiftOfSixToElevenHoursADayAndNeverOnTheirDayOff() {
        Shifts shifts = new Shifts();
        int total = 0;
        for (long id = 1; id <= 200; id++) {
            Shifts.Habit h = Shifts.habitOf(id);
            assertThat(h.hours()).isBetween(6.0, 11.0);
            int workedDays = 0;
            for (int day = 0; day < 14; day++) {
                Instant from = MONDAY.plusSeconds(day * 86_400L);
                // a shift starts that local day at the habit's hour, or not at all
                Instant startAt = from.plusSeconds((long) (h.startHour() * 3600) + 60);
                boolean works = shifts.onShift(id, startAt);
                if (works) {
                    workedDays++;
                    assertThat(LocalDateTime.ofInstant(startAt, DayCurve.LOCAL).getDayOfWeek())
                            .isNotEqualTo(DayOfWeek.of(h.dayOff()));
                    assertThat(shifts.onShift(id, startAt.plusSeconds((long) (h.hours() * 3600))))
                            .isFalse();
                }
            }
            // 12 working days, one shift in ten skipped
            assertThat(workedDays).isBetween(5, 12);
            total += workedDays;
        }
        assertThat(total).isBetween(200 * 12 * 85 / 100, 200 * 12 * 95 / 100);
    }

    @Test
    void nextChangeIsWhereTheShiftFlips() {
        Shifts shifts = new Shifts();
        for (long id = 1; id <= 100; id++) {
            Instant t = MONDAY;
            for (int i = 0; i < 10; i++) {
                Instant next = shifts.nextChange(id, t);
                boolean before = shifts.onShift(id, next.minusSeconds(1));
                assertThat(shifts.onShift(id, next))
                        .as("driver %d at %s", id, next)
                        .isNotEqualTo(before);
                assertThat(shifts.onShift(id, t.plusSeconds(1)))
                        .as("no change between %s and %s", t, next)
                        .isEqualTo(before);
                t = next;
            }
        }
    }

    /** On a shifted clock (--local-hour) a driver works the shifted hours, and shift changes come in event time. */
    @Test
    void aShiftedClockMovesTheShiftsButNotTheEventTimes() {
        Duration shift = Duration.ofHours(-9).plusMinutes(-20);
        Shifts real = new Shifts();
        Shifts shifted = new Shifts(new Timing(1, shift));
        for (long id = 1; id <= 100; id++) {
            Instant t = MONDAY.plusSeconds(id * 3_000);
            for (int i = 0; i < 6; i++) {
                assertThat(shifted.onShift(id, t)).isEqualTo(real.onShift(id, t.plus(shift)));
                Instant next = shifted.nextChange(id, t);
                assertThat(next)
                        .isAfter(t)
                        .isEqualTo(real.nextChange(id, t.plus(shift)).minus(shift));
                t = next;
            }
        }
    }
}
