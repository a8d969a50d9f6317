package dev.rideops.generator.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * When drivers work: each driver has a usual shift start (early, midday, afternoon or night starters, weighted so
 * supply follows the demand curve), a shift of 6-11 hours, one weekday off and skips about one shift in ten. All in
 * local time and derived from the driver's id alone, so every run that adopts a driver keeps their habits.
 */
final class Shifts {

    record Habit(double startHour, double hours, int dayOff) {}

    static final double SKIP_SHARE = 0.1;

    private final Timing timing;

    /** Shifts on the city's local clock ({@link Timing#cityTime}). */
    Shifts(Timing timing) {
        this.timing = timing;
    }

    Shifts() {
        this(Timing.realTime());
    }

    private static final double[] ONLINE_SHARE = new double[168];

    static {
        // The expected online share per local hour of the week, from many sampled habits.
        SplittableRandom r = new SplittableRandom(42);
        int samples = 20_000;
        for (int i = 0; i < samples; i++) {
            Habit h = habit(r);
            for (int how = 0; how < 168; how++) {
                int day = how / 24;
                double hour = how % 24 + 0.5;
                double sinceStart = hour - h.startHour();
                int startDay = day;
                if (sinceStart < 0) {
                    sinceStart += 24;
                    startDay = (day + 6) % 7;
                }
                if (sinceStart < h.hours() && startDay + 1 != h.dayOff()) {
                    ONLINE_SHARE[how] += (1 - SKIP_SHARE) / samples;
                }
            }
        }
    }

    static Habit habitOf(long driverId) {
        return habit(new SplittableRandom(driverId * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L));
    }

    private static Habit habit(SplittableRandom r) {
        double p = r.nextDouble();
        double start = p < 0.3
                ? 5.5 + 3 * r.nextDouble()
                : p < 0.5 ? 9 + 4 * r.nextDouble() : p < 0.85 ? 14.5 + 4 * r.nextDouble() : 19 + 3 * r.nextDouble();
        return new Habit(start, 6 + 5 * r.nextDouble(), 1 + r.nextInt(7));
    }

    /** The share of drivers on shift at a moment of the city's clock, expected over the fleet (no scenario). */
    static double expectedOnlineShare(Instant at) {
        return ONLINE_SHARE[(int) Math.floor(DayCurve.hourOfWeek(at)) % 168];
    }

    /** The week's mean of {@link #expectedOnlineShare}. */
    static double meanOnlineShare() {
        double sum = 0;
        for (double s : ONLINE_SHARE) {
            sum += s;
        }
        return sum / ONLINE_SHARE.length;
    }

    boolean onShift(long driverId, Instant at) {
        return onShift(driverId, habitOf(driverId), timing.cityTime(at));
    }

    private boolean onShift(long driverId, Habit h, Instant at) {
        LocalDateTime t = LocalDateTime.ofInstant(at, DayCurve.LOCAL);
        for (LocalDate day = t.toLocalDate().minusDays(1); !day.isAfter(t.toLocalDate()); day = day.plusDays(1)) {
            if (works(driverId, h, day)) {
                LocalDateTime start = start(day, h);
                if (!t.isBefore(start) && t.isBefore(start.plusSeconds((long) (h.hours() * 3600)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The next moment after {@code at} at which the driver's shift starts or ends. */
    Instant nextChange(long driverId, Instant at) {
        Habit h = habitOf(driverId);
        LocalDateTime t = LocalDateTime.ofInstant(timing.cityTime(at), DayCurve.LOCAL);
        LocalDateTime best = null;
        for (int d = -1; d <= 9 && best == null; d++) {
            LocalDate day = t.toLocalDate().plusDays(d);
            if (!works(driverId, h, day)) {
                continue;
            }
            LocalDateTime start = start(day, h);
            LocalDateTime end = start.plusSeconds((long) (h.hours() * 3600));
            if (start.isAfter(t)) {
                best = start;
            } else if (end.isAfter(t)) {
                best = end;
            }
        }
        return best == null ? at.plusSeconds(86_400) : timing.eventTime(best.toInstant(DayCurve.LOCAL));
    }

    private static boolean works(long driverId, Habit h, LocalDate day) {
        if (day.getDayOfWeek().getValue() == h.dayOff()) {
            return false;
        }
        return new SplittableRandom((driverId * 0x9E3779B97F4A7C15L) ^ (day.toEpochDay() * 0xBF58476D1CE4E5B9L))
                        .nextDouble()
                >= SKIP_SHARE;
    }

    private static LocalDateTime start(LocalDate day, Habit h) {
        return day.atStartOfDay().plusSeconds((long) (h.startHour() * 3600));
    }
}
