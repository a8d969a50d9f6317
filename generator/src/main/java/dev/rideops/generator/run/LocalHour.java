package dev.rideops.generator.run;

import dev.rideops.generator.sim.DayCurve;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * Which local time of day the city lives in ({@code --local-hour}): the wall clock's, or a stated hour of a
 * Wednesday (a plain weekday). A stated hour is where the city's clock stands when the run reaches now (a stream's
 * start; the end of a seed's history, which leads up to it); from there it runs on with event time. Only what the
 * hour means to the city moves (demand, shifts, the riders' hours, traffic): event times stay the wall clock's.
 *
 * <p>Load runs ({@code --eps} streams: generate, bench, chaos) play the {@linkplain DayCurve#BUSY_HOUR busy hour}
 * unless told otherwise, so their rate comes from the fleet a city has online at its evening peak, whenever they are
 * run; everything else keeps the wall clock.
 *
 * @param hour 0-23, or null for the wall clock
 */
public record LocalHour(Integer hour) {

    public static final int BUSY_HOUR = DayCurve.BUSY_HOUR;
    public static final LocalHour WALL_CLOCK = new LocalHour(null);
    public static final LocalHour BUSY = new LocalHour(BUSY_HOUR);

    public LocalHour {
        if (hour != null && (hour < 0 || hour > 23)) {
            throw new IllegalArgumentException("--local-hour must be an hour from 0 to 23 or 'now', was " + hour);
        }
    }

    /** {@code now} (the wall clock) or an hour 0-23. */
    public static LocalHour parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("now")) {
            return WALL_CLOCK;
        }
        try {
            return new LocalHour(Integer.valueOf(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--local-hour must be an hour from 0 to 23 or 'now', was '" + text + "'");
        }
    }

    /** The clock a run gets unless told: the busy hour for a stream with a target rate, else the wall clock. */
    public static LocalHour defaultFor(Mode mode, int eps) {
        return mode == Mode.STREAM && eps > 0 ? BUSY : WALL_CLOCK;
    }

    public boolean wallClock() {
        return hour == null;
    }

    /**
     * What to add to event time for the city's clock, for a run that reaches now at {@code now}: zero on the wall
     * clock, else the span to the stated hour of the Wednesday of the same week (so at most four days either way).
     */
    public Duration shiftAt(Instant now) {
        if (hour == null) {
            return Duration.ZERO;
        }
        LocalDateTime local = LocalDateTime.ofInstant(now, DayCurve.LOCAL);
        LocalDateTime target = local.toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .with(TemporalAdjusters.nextOrSame(DayCurve.STATED_DAY))
                .atTime(hour, 0);
        return Duration.between(local, target);
    }

    /** The local hour of the city's clock at {@code now}, with this clock. */
    public int hourAt(Instant now) {
        return LocalDateTime.ofInstant(now.plus(shiftAt(now)), DayCurve.LOCAL).getHour();
    }

    /** For reports: "wall" or "fixed". */
    public String kind() {
        return hour == null ? "wall" : "fixed";
    }

    /** For people: "the wall clock (UTC+07:00)" or "18:00 on a Wednesday (UTC+07:00)". */
    public String describe() {
        return hour == null
                ? "the wall clock (UTC" + DayCurve.LOCAL.getId() + ")"
                : String.format(
                        Locale.ROOT,
                        "%02d:00 on a %s (UTC%s)",
                        hour,
                        DayCurve.STATED_DAY.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH),
                        DayCurve.LOCAL.getId());
    }
}
