package dev.rideops.generator.sim;

import dev.rideops.generator.model.BookingRow;
import dev.rideops.generator.model.BookingStatus;
import dev.rideops.generator.model.CancelledBy;
import dev.rideops.generator.model.City;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The riders and their habits: how often each rides (a long-tailed weight), at which hours (commuter, daytime,
 * evening or any time) and from which home cell. A rider quits with a probability that grows with bad experiences
 * (no driver found, a driver who cancels, a long wait for a match, surge) and now and then comes back after days.
 * Habits are derived from the rider's id alone, so every run that adopts a rider gives them the same habits.
 */
final class Riders {

    enum Pattern {
        COMMUTER,
        DAYTIME,
        EVENING,
        ANYTIME
    }

    record Habit(double weight, Pattern pattern, String homeCell) {}

    /** Chance per ended booking that the rider quits, by what happened (the sum applies). */
    static final double QUIT_BASE = 0.004;

    static final double QUIT_NO_DRIVER = 0.10;
    static final double QUIT_DRIVER_CANCELLED = 0.06;
    static final double QUIT_LONG_WAIT = 0.03;
    static final double QUIT_PER_SURGE_STEP = 0.04;
    /** A match that took longer than this (city seconds) counts as a long wait. */
    static final double LONG_WAIT_S = 90;
    /** Share of quitters who come back, after {@link #RETURN_MIN_DAYS}-{@link #RETURN_MAX_DAYS} city days. */
    static final double RETURN_SHARE = 0.3;

    static final double RETURN_MIN_DAYS = 2;
    static final double RETURN_MAX_DAYS = 21;
    private static final double MAX_WEIGHT = 5;

    private final Random random;
    private final Timing timing;
    private final List<Long> active = new ArrayList<>();
    private final Map<Long, Integer> index = new HashMap<>();
    private final Map<Long, Habit> habits = new HashMap<>();
    private final Map<Long, City> cityOf = new HashMap<>();
    private final PriorityQueue<Return> returns =
            new PriorityQueue<>(Comparator.comparing(Return::at).thenComparing(Return::riderId));
    private long quits;
    private long comebacks;

    private record Return(Instant at, long riderId) {}

    Riders(Random random, Timing timing) {
        this.random = random;
        this.timing = timing;
    }

    void add(long id, City city) {
        cityOf.put(id, city);
        habits.put(id, habit(id, city));
        activate(id);
    }

    int size() {
        return cityOf.size();
    }

    int active() {
        return active.size();
    }

    long quits() {
        return quits;
    }

    long comebacks() {
        return comebacks;
    }

    boolean isActive(long id) {
        return index.containsKey(id);
    }

    City city(long id) {
        return cityOf.get(id);
    }

    Habit habit(long id) {
        return habits.get(id);
    }

    /**
     * An active rider who requests a ride now: frequent riders and those whose pattern fits the hour more often
     * (rejection sampling, so a pick costs a few draws however many riders there are). Null with no active rider.
     */
    Long pick(Instant now) {
        if (active.isEmpty()) {
            return null;
        }
        Instant local = timing.cityTime(now);
        double hour = DayCurve.localHour(local);
        boolean weekend = DayCurve.hourOfWeek(local) >= 5 * 24;
        long id = active.get(random.nextInt(active.size()));
        for (int attempt = 0; attempt < 64; attempt++) {
            Habit h = habits.get(id);
            if (random.nextDouble() < h.weight() / MAX_WEIGHT * preference(h.pattern(), hour, weekend)) {
                return id;
            }
            id = active.get(random.nextInt(active.size()));
        }
        return id;
    }

    /** How much a pattern likes an hour, 0..1. */
    static double preference(Pattern pattern, double hour, boolean weekend) {
        return switch (pattern) {
            case COMMUTER ->
                weekend
                        ? 0.35
                        : (hour >= 6.5 && hour < 9.5) || (hour >= 16.5 && hour < 20) ? 1.0 : hour < 5 ? 0.05 : 0.2;
            case DAYTIME -> hour >= 9 && hour < 17 ? 1.0 : hour < 6 ? 0.05 : 0.25;
            case EVENING -> hour >= 18 || hour < 2 ? 1.0 : hour < 6 ? 0.4 : 0.2;
            case ANYTIME -> 1.0;
        };
    }

    /** Once a booking ends, the rider may quit over how it went: returns true if they did. */
    boolean ended(BookingRow b, Instant now) {
        long id = b.riderId();
        if (!isActive(id)) {
            return false;
        }
        double p = QUIT_BASE;
        if (b.status() == BookingStatus.CANCELLED && b.cancelledBy() == CancelledBy.SYSTEM) {
            p += QUIT_NO_DRIVER;
        } else if (b.status() == BookingStatus.CANCELLED && b.cancelledBy() == CancelledBy.DRIVER) {
            p += QUIT_DRIVER_CANCELLED;
        }
        if (b.acceptedAt() != null
                && timing.citySeconds(Duration.between(b.requestedAt(), b.acceptedAt())
                                        .toMillis()
                                / 1000.0)
                        > LONG_WAIT_S) {
            p += QUIT_LONG_WAIT;
        }
        p += QUIT_PER_SURGE_STEP * Math.max(0, b.surgeMultiplier().doubleValue() - 1) / 0.5;
        if (random.nextDouble() >= p) {
            return false;
        }
        deactivate(id);
        quits++;
        if (random.nextDouble() < RETURN_SHARE) {
            double days = RETURN_MIN_DAYS + random.nextDouble() * (RETURN_MAX_DAYS - RETURN_MIN_DAYS);
            returns.add(new Return(now.plusMillis(timing.eventMillis(days * 86_400)), id));
        }
        return true;
    }

    /** Riders whose break is over become active again. */
    void comeBack(Instant now) {
        while (!returns.isEmpty() && !returns.peek().at().isAfter(now)) {
            long id = returns.poll().riderId();
            if (!isActive(id)) {
                activate(id);
                comebacks++;
            }
        }
    }

    private void activate(long id) {
        index.put(id, active.size());
        active.add(id);
    }

    private void deactivate(long id) {
        int i = index.remove(id);
        long last = active.remove(active.size() - 1);
        if (last != id) {
            active.set(i, last);
            index.put(last, i);
        }
    }

    private Habit habit(long id, City city) {
        SplittableRandom r = new SplittableRandom(id * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        // log-normal: most ride now and then, a few ride daily (the long tail of every ride-hailing market)
        double weight = Math.min(MAX_WEIGHT, Math.exp(0.9 * gaussian(r) - 0.4));
        double p = r.nextDouble();
        Pattern pattern =
                p < 0.35 ? Pattern.COMMUTER : p < 0.6 ? Pattern.DAYTIME : p < 0.85 ? Pattern.EVENING : Pattern.ANYTIME;
        // homes cluster towards the centre of the grid
        int row = clamp((int) Math.round(City.GRID / 2.0 - 0.5 + gaussian(r) * City.GRID / 4.0));
        int col = clamp((int) Math.round(City.GRID / 2.0 - 0.5 + gaussian(r) * City.GRID / 4.0));
        return new Habit(weight, pattern, city.cellId(row, col));
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static int clamp(int i) {
        return Math.max(0, Math.min(City.GRID - 1, i));
    }
}
