package dev.rideops.generator.sim;

import dev.rideops.generator.model.Change;
import dev.rideops.generator.model.City;
import dev.rideops.generator.model.Driver;
import dev.rideops.generator.model.DriverStatus;
import dev.rideops.generator.model.Geo;
import dev.rideops.generator.model.VehicleType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * The drivers: who is online (their shifts, days off, quitting and coming back, and a scenario that keeps some
 * away), matching a request to the nearest available driver, and a location ping from every online driver every few
 * seconds along the legs they drive.
 */
final class Fleet {

    /** Chance that a driver quits at the end of a shift, and the extra when the shift brought (almost) no trips. */
    static final double QUIT_BASE = 0.003;

    static final double QUIT_IDLE_SHIFT = 0.04;
    /** Share of quitting drivers who come back, after 2-21 city days. */
    static final double RETURN_SHARE = 0.4;
    /** Drivers a scenario sends away per event second, per driver of the fleet, at the usual pace. */
    private static final double ABSENCE_RATE = 0.0015;

    private final Random random;
    private final Timing timing;
    private final Shifts shifts;
    private final double pingIntervalS;
    private final double offlineFraction;
    private final double churnMultiplier;

    private final List<Driver> all = new ArrayList<>();
    private final Map<String, Map<VehicleType, List<Driver>>> byCityAndType = new LinkedHashMap<>();
    private final Map<Long, Driver> byId = new LinkedHashMap<>();
    private final PriorityQueue<Due> shiftChecks = new PriorityQueue<>(Due.ORDER);
    private final Map<Long, Instant> nextShiftCheck = new HashMap<>();
    private final PriorityQueue<Due> pings = new PriorityQueue<>(Due.ORDER);
    private final Map<Long, Instant> nextPing = new HashMap<>();
    private final Map<Long, Integer> tripsThisShift = new HashMap<>();
    /** Drivers who quit, until they come back (absent: for good). */
    private final Map<Long, Instant> quitUntil = new HashMap<>();
    /** Drivers a scenario keeps offline. */
    private final Set<Long> absent = new HashSet<>();

    private int online;
    private long quits;
    private long comebacks;
    private long pingsSent;
    private double onlineSeconds;
    private Instant lastAccounted;

    private record Due(Instant at, long driverId) {
        static final Comparator<Due> ORDER = Comparator.comparing(Due::at).thenComparing(Due::driverId);
    }

    /**
     * @param offlineFraction share of the fleet a scenario keeps offline
     * @param churnMultiplier how many times the usual pace the scenario sends them away at
     */
    Fleet(
            Random random,
            Timing timing,
            Shifts shifts,
            double pingIntervalS,
            double offlineFraction,
            double churnMultiplier) {
        this.random = random;
        this.timing = timing;
        this.shifts = shifts;
        this.pingIntervalS = pingIntervalS;
        this.offlineFraction = offlineFraction;
        this.churnMultiplier = churnMultiplier;
    }

    /** Adds a driver; their shift is checked at {@code now}, so an adopted driver off shift logs off at once. */
    void add(Driver d, Instant now) {
        all.add(d);
        byId.put(d.driverId(), d);
        byCityAndType
                .computeIfAbsent(d.city().code(), c -> new EnumMap<>(VehicleType.class))
                .computeIfAbsent(d.vehicleType(), t -> new ArrayList<>())
                .add(d);
        if (d.status() != DriverStatus.OFFLINE) {
            online++;
            schedulePing(d, now.plusMillis((long) (random.nextDouble() * pingIntervalS * 1000)));
        }
        scheduleShiftCheck(d.driverId(), now);
    }

    int size() {
        return all.size();
    }

    int online() {
        return online;
    }

    long quits() {
        return quits;
    }

    long comebacks() {
        return comebacks;
    }

    Optional<Driver> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The status a new driver starts in: on shift now, or not. */
    DriverStatus initialStatus(long driverId, Instant now) {
        return shifts.onShift(driverId, now) ? DriverStatus.AVAILABLE : DriverStatus.OFFLINE;
    }

    double onlineShare() {
        return all.isEmpty() ? 0 : (double) online / all.size();
    }

    /** Mean seconds between two pings of one online driver so far; 0 before any ping. */
    double meanPingIntervalSeconds() {
        return pingsSent == 0 ? 0 : onlineSeconds / pingsSent;
    }

    /** The nearest available driver of the class within the match radius. */
    Optional<Driver> nearestAvailable(String city, VehicleType type, double lat, double lon, Instant now) {
        Driver best = null;
        double bestKm = Timing.MATCH_RADIUS_KM;
        for (Driver d : byCityAndType.getOrDefault(city, Map.of()).getOrDefault(type, List.of())) {
            if (d.status() != DriverStatus.AVAILABLE) {
                continue;
            }
            double[] p = d.positionAt(now);
            double km = Geo.distanceKm(p[0], p[1], lat, lon);
            if (km <= bestKm) {
                best = d;
                bestKm = km;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Available drivers of any class near a point: the supply side of surge pricing. */
    int availableNear(String city, double lat, double lon, Instant now) {
        int count = 0;
        for (List<Driver> drivers : byCityAndType.getOrDefault(city, Map.of()).values()) {
            for (Driver d : drivers) {
                if (d.status() == DriverStatus.AVAILABLE) {
                    double[] p = d.positionAt(now);
                    if (Geo.distanceKm(p[0], p[1], lat, lon) <= Timing.SUPPLY_RADIUS_KM) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    Change setStatus(Driver d, DriverStatus status, Instant at) {
        if (d.status() == DriverStatus.OFFLINE && status != DriverStatus.OFFLINE) {
            online++;
            tripsThisShift.put(d.driverId(), 0);
            schedulePing(d, at.plusMillis((long) (random.nextDouble() * pingIntervalS * 1000)));
        } else if (d.status() != DriverStatus.OFFLINE && status == DriverStatus.OFFLINE) {
            online--;
        }
        d.status(status);
        return new Change.DriverStatusUpdate(d.driverId(), status, at);
    }

    /** A driver's trip is over: available again, or offline when their shift has ended meanwhile. */
    void release(Driver d, boolean completed, Instant now, List<Change> out) {
        d.serve(null);
        if (completed) {
            tripsThisShift.merge(d.driverId(), 1, Integer::sum);
        }
        if (wantsToWork(d.driverId(), now)) {
            out.add(setStatus(d, DriverStatus.AVAILABLE, now));
        } else {
            logOff(d, now, out);
        }
    }

    private boolean wantsToWork(long id, Instant now) {
        return !absent.contains(id) && !quitUntil.containsKey(id) && shifts.onShift(id, now);
    }

    /** Drivers whose shift starts or ends by now log on or off; those whose break is over come back. */
    void shifts(Instant now, List<Change> out) {
        while (!shiftChecks.isEmpty() && !shiftChecks.peek().at().isAfter(now)) {
            Due due = shiftChecks.poll();
            Driver d = byId.get(due.driverId());
            if (d == null || !due.at().equals(nextShiftCheck.get(due.driverId()))) {
                continue;
            }
            long id = d.driverId();
            Instant back = quitUntil.get(id);
            if (back != null && !back.isAfter(now)) {
                quitUntil.remove(id);
                comebacks++;
            }
            boolean work = wantsToWork(id, now);
            if (work && d.status() == DriverStatus.OFFLINE) {
                out.add(setStatus(d, DriverStatus.AVAILABLE, now));
            } else if (!work && d.status() == DriverStatus.AVAILABLE) {
                logOff(d, now, out);
            }
            // a busy driver whose shift ended logs off when the trip is over (release)
            Instant next = shifts.nextChange(id, now);
            Instant until = quitUntil.get(id);
            scheduleShiftCheck(id, until != null && until.isAfter(next) ? until : next);
        }
    }

    /** Off at the end of a shift; a shift with (almost) no trips makes quitting likelier. */
    private void logOff(Driver d, Instant now, List<Change> out) {
        out.add(setStatus(d, DriverStatus.OFFLINE, now));
        long id = d.driverId();
        if (absent.contains(id) || quitUntil.containsKey(id)) {
            return;
        }
        double p = QUIT_BASE + (tripsThisShift.getOrDefault(id, 0) < 2 ? QUIT_IDLE_SHIFT : 0);
        if (random.nextDouble() < p) {
            quits++;
            Instant back = Instant.MAX;
            if (random.nextDouble() < RETURN_SHARE) {
                back = now.plusMillis(timing.eventMillis((2 + 19 * random.nextDouble()) * 86_400));
                scheduleShiftCheck(id, back);
            }
            quitUntil.put(id, back);
        }
    }

    /**
     * A scenario that keeps part of the fleet away (a strike, bad weather) sends drivers home at its pace until that
     * share is absent; they stay away for the run.
     */
    void absences(double eventSeconds, Instant now, List<Change> out) {
        if (offlineFraction <= 0 || all.isEmpty()) {
            return;
        }
        double expected = all.size() * ABSENCE_RATE * churnMultiplier * timing.citySeconds(eventSeconds);
        int n = Poisson.sample(random, expected);
        for (int i = 0; i < n && absent.size() < offlineFraction * all.size(); i++) {
            Driver d = all.get(random.nextInt(all.size()));
            if (absent.add(d.driverId()) && d.status() == DriverStatus.AVAILABLE) {
                out.add(setStatus(d, DriverStatus.OFFLINE, now));
            }
        }
    }

    /** One offline driver who never drove (no booking names them) deletes their account, if the pick finds one. */
    void offboard(List<Change> out) {
        if (all.isEmpty()) {
            return;
        }
        Driver d = all.get(random.nextInt(all.size()));
        if (d.status() != DriverStatus.OFFLINE || d.hasDriven()) {
            return;
        }
        all.remove(d);
        byId.remove(d.driverId());
        nextShiftCheck.remove(d.driverId());
        nextPing.remove(d.driverId());
        byCityAndType.get(d.city().code()).get(d.vehicleType()).remove(d);
        out.add(new Change.DriverDelete(d.driverId()));
    }

    /**
     * A ping from every online driver whose phone is due, each every few seconds of event time; a phone that fell
     * behind (the writer held back by a rate limit) sends where it is now, not the pings it missed. Idle drivers
     * cruise short legs around their spot.
     */
    void ping(Instant now, Ids ids, List<Change> out) {
        if (lastAccounted != null && now.isAfter(lastAccounted)) {
            onlineSeconds += online * (now.toEpochMilli() - lastAccounted.toEpochMilli()) / 1000.0;
        }
        lastAccounted = now;
        while (!pings.isEmpty() && !pings.peek().at().isAfter(now)) {
            Due due = pings.poll();
            Driver d = byId.get(due.driverId());
            if (d == null || d.status() == DriverStatus.OFFLINE || !due.at().equals(nextPing.get(due.driverId()))) {
                continue;
            }
            cruiseIfIdle(d, now);
            double[] p = d.positionAt(now);
            out.add(new Change.LocationEvent(
                    ids.locationEvent(),
                    d.driverId(),
                    p[0],
                    p[1],
                    Math.round(timing.citySpeedKmh(d.speedKmhAt(now)) * 10) / 10.0,
                    Math.round(d.headingAt() * 10) / 10.0,
                    d.city().cellOf(p[0], p[1]),
                    d.status(),
                    now));
            pingsSent++;
            Instant next = due.at().plusMillis(Math.round(pingIntervalS * (0.75 + 0.5 * random.nextDouble()) * 1000));
            schedulePing(d, next.isAfter(now) ? next : now.plusMillis(Math.round(random.nextDouble() * 1000)));
        }
    }

    private void cruiseIfIdle(Driver d, Instant now) {
        if (d.status() == DriverStatus.AVAILABLE && d.speedKmhAt(now) == 0 && random.nextDouble() < 0.3) {
            double[] here = d.positionAt(now);
            double[] there = {here[0] + (random.nextDouble() - 0.5) * 0.01, here[1] + (random.nextDouble() - 0.5) * 0.01
            };
            // idle drivers drift towards the busy centre, a little slower than traffic
            there[0] += (d.city().centerLat() - here[0]) * 0.15;
            there[1] += (d.city().centerLon() - here[1]) * 0.15;
            double km = Geo.distanceKm(here[0], here[1], there[0], there[1]);
            d.driveTo(there[0], there[1], now, now.plusMillis(timing.driveMillis(km * 1.2, now)));
        }
    }

    private void schedulePing(Driver d, Instant at) {
        nextPing.put(d.driverId(), at);
        pings.add(new Due(at, d.driverId()));
    }

    private void scheduleShiftCheck(long id, Instant at) {
        nextShiftCheck.put(id, at);
        shiftChecks.add(new Due(at, id));
    }

    /** Where a driver starts: around the centre, where most riders live and ride. */
    static double[] randomPoint(City city, Random random) {
        return city.pointAt(centred(random), centred(random));
    }

    private static double centred(Random random) {
        return Math.max(0, Math.min(1, 0.5 + random.nextGaussian() * 0.22));
    }
}
