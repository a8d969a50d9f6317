package dev.rideops.generator.sim;

import dev.rideops.generator.model.Change;
import dev.rideops.generator.model.City;
import dev.rideops.generator.model.Driver;
import dev.rideops.generator.model.DriverStatus;
import dev.rideops.generator.model.Geo;
import dev.rideops.generator.model.VehicleType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The drivers: who is online, matching a request to the nearest available driver, churn between online and
 * offline towards a target share, and location pings along the legs they drive.
 */
final class Fleet {

    private static final double BASE_ONLINE_SHARE = 0.85;
    /** Chance that a step changes one driver's status, at the usual pace. */
    private static final double BASE_CHURN = 0.3;

    private final Random random;
    private final double targetOnlineShare;
    private final double churnPerStep;
    /** A driver now and then logs on or off against the trend; as often per step whatever the pace. */
    private final double driftChance;

    private final List<Driver> all = new ArrayList<>();
    private final Map<String, Map<VehicleType, List<Driver>>> byCityAndType = new LinkedHashMap<>();
    private final Map<Long, Driver> byId = new LinkedHashMap<>();
    private int online;

    /** @param churnMultiplier how many times the usual pace drivers log on and off at (towards the target) */
    Fleet(Random random, double offlineFraction, double churnMultiplier) {
        this.random = random;
        this.targetOnlineShare = BASE_ONLINE_SHARE * (1 - offlineFraction);
        this.churnPerStep = BASE_CHURN * churnMultiplier;
        this.driftChance = 0.05 / churnMultiplier;
    }

    void add(Driver d) {
        all.add(d);
        byId.put(d.driverId(), d);
        byCityAndType
                .computeIfAbsent(d.city().code(), c -> new EnumMap<>(VehicleType.class))
                .computeIfAbsent(d.vehicleType(), t -> new ArrayList<>())
                .add(d);
        if (d.status() != DriverStatus.OFFLINE) {
            online++;
        }
    }

    int size() {
        return all.size();
    }

    Optional<Driver> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The status a newly created driver starts in, so the fleet begins near its target online share. */
    DriverStatus initialStatus() {
        return random.nextDouble() < targetOnlineShare ? DriverStatus.AVAILABLE : DriverStatus.OFFLINE;
    }

    double onlineShare() {
        return all.isEmpty() ? 0 : (double) online / all.size();
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
        } else if (d.status() != DriverStatus.OFFLINE && status == DriverStatus.OFFLINE) {
            online--;
        }
        d.status(status);
        return new Change.DriverStatusUpdate(d.driverId(), status, at);
    }

    /**
     * Now and then a driver logs on or off, pulling the online share towards its target: {@code churnPerStep} of
     * them per step on average (the whole part every step, the fraction as a chance).
     */
    void churn(Instant now, List<Change> out) {
        if (all.isEmpty()) {
            return;
        }
        int whole = (int) churnPerStep;
        int drivers = whole + (random.nextDouble() < churnPerStep - whole ? 1 : 0);
        for (int i = 0; i < drivers; i++) {
            churnOne(now, out);
        }
    }

    private void churnOne(Instant now, List<Change> out) {
        Driver d = all.get(random.nextInt(all.size()));
        double share = onlineShare();
        boolean drift = random.nextDouble() < driftChance;
        if (d.status() == DriverStatus.AVAILABLE && (share > targetOnlineShare + 0.02 || drift)) {
            out.add(setStatus(d, DriverStatus.OFFLINE, now));
        } else if (d.status() == DriverStatus.OFFLINE && (share < targetOnlineShare - 0.02 || drift)) {
            out.add(setStatus(d, DriverStatus.AVAILABLE, now));
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
        byCityAndType.get(d.city().code()).get(d.vehicleType()).remove(d);
        out.add(new Change.DriverDelete(d.driverId()));
    }

    /** Location pings from random online drivers; idle ones cruise short legs around their spot. */
    void ping(int count, Instant now, Ids ids, List<Change> out) {
        if (online == 0) {
            return;
        }
        for (int i = 0; i < count; i++) {
            Driver d = randomOnline();
            if (d == null) {
                return;
            }
            if (d.status() == DriverStatus.AVAILABLE && d.speedKmhAt(now) == 0 && random.nextDouble() < 0.3) {
                double[] here = d.positionAt(now);
                double[] there = {
                    here[0] + (random.nextDouble() - 0.5) * 0.01, here[1] + (random.nextDouble() - 0.5) * 0.01
                };
                double seconds = Geo.distanceKm(here[0], here[1], there[0], there[1]) * Timing.SECONDS_PER_KM * 3;
                d.driveTo(there[0], there[1], now, now.plusMillis((long) (seconds * 1000) + 1000));
            }
            double[] p = d.positionAt(now);
            out.add(new Change.LocationEvent(
                    ids.locationEvent(),
                    d.driverId(),
                    p[0],
                    p[1],
                    Math.round(d.speedKmhAt(now) * 10) / 10.0,
                    Math.round(d.headingAt() * 10) / 10.0,
                    d.city().cellOf(p[0], p[1]),
                    d.status(),
                    now));
        }
    }

    private Driver randomOnline() {
        for (int attempt = 0; attempt < 20; attempt++) {
            Driver d = all.get(random.nextInt(all.size()));
            if (d.status() != DriverStatus.OFFLINE) {
                return d;
            }
        }
        return null;
    }

    static double[] randomPoint(City city, Random random) {
        return city.pointAt(random.nextDouble(), random.nextDouble());
    }
}
