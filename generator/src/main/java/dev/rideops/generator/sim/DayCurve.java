package dev.rideops.generator.sim;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The city's week: how busy each local hour is, relative to the week's mean (1.0). Weekdays have a morning peak
 * (07-09) and a higher evening peak (17-20) and quiet nights (03-05 about a fifth of the mean); Saturday and Sunday
 * start late and stay busy into the night, with the week's peak on Friday and Saturday evenings. The shape follows
 * the published NYC TLC figures (daily peaks 18-20 h, app-based trips peaking on Saturday evening, about a quarter of
 * app trips between 20 h and midnight), approximately. The cities of the reference data share one time zone (UTC+7).
 */
public final class DayCurve {

    public static final ZoneOffset LOCAL = ZoneOffset.ofHours(7);

    /**
     * The busy hour load runs play by default and {@code --eps} sizes the city for: a weekday's evening peak, 18:00
     * local, on the {@link #STATED_DAY}.
     */
    public static final int BUSY_HOUR = 18;

    /** The day a stated hour ({@code --local-hour}) falls on: a plain weekday, not the Friday high nor a weekend. */
    public static final DayOfWeek STATED_DAY = DayOfWeek.WEDNESDAY;

    private static final double[] WEEKDAY = {
        0.45, 0.28, 0.2, 0.17, 0.2, 0.35, 0.75, 1.2, 1.4, 1.15, 1.0, 1.0, 1.1, 1.05, 1.05, 1.15, 1.35, 1.65, 1.8, 1.7,
        1.45, 1.25, 1.05, 0.75
    };
    private static final double[] WEEKEND = {
        1.1, 0.95, 0.75, 0.5, 0.32, 0.25, 0.3, 0.45, 0.65, 0.9, 1.05, 1.15, 1.2, 1.2, 1.2, 1.2, 1.25, 1.35, 1.5, 1.6,
        1.55, 1.45, 1.35, 1.2
    };
    /** Monday first: Friday and Saturday are the busiest days, Sunday the quietest. */
    private static final double[] DAY_WEIGHT = {0.92, 0.95, 0.98, 1.03, 1.15, 1.1, 0.87};

    /** Per hour of the week (Monday 00 h first), normalised to a mean of 1. */
    private static final double[] WEEK = new double[168];

    static {
        double sum = 0;
        for (int d = 0; d < 7; d++) {
            double[] shape = d >= 5 ? WEEKEND : WEEKDAY;
            for (int h = 0; h < 24; h++) {
                // Friday night already looks like the weekend
                double value = d == 4 && h >= 21 ? WEEKEND[h] : shape[h];
                WEEK[d * 24 + h] = value * DAY_WEIGHT[d];
                sum += WEEK[d * 24 + h];
            }
        }
        double mean = sum / WEEK.length;
        for (int i = 0; i < WEEK.length; i++) {
            WEEK[i] /= mean;
        }
    }

    private DayCurve() {}

    /** The start of the busy hour in a week: a Wednesday at 18:00 local (2026-03-04). */
    static Instant busyHour() {
        return LocalDateTime.of(2026, 3, 4, BUSY_HOUR, 0).toInstant(LOCAL);
    }

    /** Demand at a moment relative to the week's mean, interpolated between hour centres so it has no steps. */
    public static double demand(Instant at) {
        double hourOfWeek = hourOfWeek(at) - 0.5;
        int i = (int) Math.floor(hourOfWeek);
        double f = hourOfWeek - i;
        return WEEK[Math.floorMod(i, 168)] * (1 - f) + WEEK[Math.floorMod(i + 1, 168)] * f;
    }

    /** Local hours since Monday 00:00, with the fraction. */
    static double hourOfWeek(Instant at) {
        LocalDateTime t = LocalDateTime.ofInstant(at, LOCAL);
        DayOfWeek day = t.getDayOfWeek();
        return (day.getValue() - 1) * 24 + t.getHour() + t.getMinute() / 60.0 + t.getSecond() / 3600.0;
    }

    /** Local hour of day with the fraction, 0 <= h < 24. */
    static double localHour(Instant at) {
        return hourOfWeek(at) % 24;
    }

    /**
     * City traffic speed at a moment, km/h: about 18 in the peaks, 24 in the day and up to 32 at night (the busier
     * the streets, the slower), the range published for dense Asian and US city centres.
     */
    static double trafficSpeedKmh(Instant at) {
        double busy = Math.min(1.8, demand(at));
        return 33 - 8.5 * busy;
    }
}
