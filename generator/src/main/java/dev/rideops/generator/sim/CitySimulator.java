package dev.rideops.generator.sim;

import dev.rideops.generator.model.Booking;
import dev.rideops.generator.model.BookingRow;
import dev.rideops.generator.model.BookingStatus;
import dev.rideops.generator.model.CancelledBy;
import dev.rideops.generator.model.Change;
import dev.rideops.generator.model.City;
import dev.rideops.generator.model.Driver;
import dev.rideops.generator.model.DriverStatus;
import dev.rideops.generator.model.Geo;
import dev.rideops.generator.model.VehicleType;
import dev.rideops.scenarios.LoadScenario;
import dev.rideops.scenarios.VolumeProfile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import net.datafaker.Faker;

/**
 * A city of riders and drivers, advanced to a moment at a time. Each step returns the source row changes made since
 * the last one: riders and drivers signing up, requests (as many as the riders' habits and the hour's demand make
 * in the elapsed time, whatever the step's length), every due booking moved one state on, drivers starting and
 * ending shifts, quitting and coming back, and a ping from every online driver every few seconds. Pure simulation:
 * nothing here touches a database, so the rules are tested directly.
 */
public final class CitySimulator {

    private static final String[] PROMOS = {"WELCOME10", "RAINY15", "NIGHT20"};
    private static final int[] PROMO_PERCENT = {10, 15, 20};
    private static final double PROMO_SHARE = 0.1;
    private static final double BASE_RIDER_CANCEL = 0.03;
    private static final double BASE_DRIVER_CANCEL = 0.02;
    private static final double BASE_NO_SHOW = 0.01;
    private static final double RATED_SHARE = 0.75;
    /** Share of requests from the rider's home cell; the rest anywhere, hot cells likelier. */
    private static final double FROM_HOME = 0.6;
    /** New riders and drivers per city day, as a share of the preset's. */
    static final double RIDER_SIGNUPS_PER_DAY = 0.012;

    static final double DRIVER_SIGNUPS_PER_DAY = 0.006;
    /** Row changes a requested ride makes on average (booking steps, the driver's status twice, payment, rating). */
    static final double CHANGES_PER_REQUEST = 8;
    /** --eps sizes the city this much above its target, so the rate limiter, not the city, sets the pace. */
    static final double EPS_HEADROOM = 1.1;

    private final VolumeProfile profile;
    private final LoadScenario scenario;
    private final Random random;
    private final Ids ids;
    private final Faker faker;
    private final Fleet fleet;
    private final Demand demand;
    private final Timing timing;
    private final Riders riders;
    /** Requests per active rider per city second, at the week's mean demand. */
    private final double requestsPerRiderSecond;

    private Instant lastStep;
    private long requested;
    private final Map<Long, Booking> open = new HashMap<>();
    private final PriorityQueue<Booking> due =
            new PriorityQueue<>(Comparator.comparing(Booking::nextCheckAt).thenComparing(Booking::bookingId));
    /** Refunds and rating edits the corrections scenario scheduled, by when they happen. */
    private final PriorityQueue<Scheduled> corrections = new PriorityQueue<>(Comparator.comparing(Scheduled::at));

    private record Scheduled(Instant at, Change change) {}

    /** A city on the real-time clock, pinging every {@link Timing#PING_INTERVAL_S} seconds. */
    public CitySimulator(VolumeProfile profile, LoadScenario scenario, long seed, Ids ids) {
        this(profile, scenario, seed, ids, Timing.realTime(), Timing.PING_INTERVAL_S);
    }

    public CitySimulator(
            VolumeProfile profile, LoadScenario scenario, long seed, Ids ids, Timing timing, double pingIntervalS) {
        this.profile = profile;
        this.scenario = scenario;
        this.random = new Random(seed);
        this.ids = ids;
        this.timing = timing;
        this.faker = new Faker(Locale.ENGLISH, new Random(seed ^ 0x5DEECE66DL));
        this.fleet = new Fleet(
                random,
                timing,
                new Shifts(timing),
                pingIntervalS,
                scenario.offlineDriverFraction(),
                scenario.driverChurnMultiplier());
        this.demand = new Demand(random, scenario, timing);
        this.riders = new Riders(random, timing);
        // The riders ask for as many rides as the fleet's usual online hours carry.
        this.requestsPerRiderSecond =
                profile.drivers() * Shifts.meanOnlineShare() * Timing.TRIPS_PER_ONLINE_HOUR / 3600 / profile.riders();
    }

    /**
     * The preset resized for {@code eps} row changes per second: more drivers and riders in the preset's proportion,
     * each online driver still pinging every few seconds. The city is sized at its busy hour ({@link
     * DayCurve#busyHour}), whatever the hour of the run: the fleet of a city whose weekday evening makes that rate.
     * Sized at the hour of the run instead, a night run would need 10x the drivers (4 % of a fleet is online at 4 am
     * against 45 % at 18:00) and write them all before the first change counts. Load runs play the busy hour by
     * default ({@code --local-hour}), so they reach the rate; at a quieter hour the same city makes less.
     */
    public static VolumeProfile sizedFor(VolumeProfile profile, int eps, Timing timing, double pingIntervalS) {
        double k = eps
                * EPS_HEADROOM
                / (profile.drivers() * changesPerDriverSecond(timing, pingIntervalS, DayCurve.busyHour()));
        return new VolumeProfile(
                Math.max(3, (int) Math.round(profile.drivers() * k)),
                Math.max(10, (int) Math.round(profile.riders() * k)),
                Math.max(profile.maxInflight(), (int) Math.round(profile.maxInflight() * k)),
                profile.newBookingProb(),
                profile.driverUpdates(),
                profile.sleepMin(),
                profile.sleepMax());
    }

    /**
     * About how many row changes per second a city of this many drivers makes at an event time (pings and rides, without a
     * scenario's changes), the hour read on the run's clock.
     */
    public static double expectedRate(int drivers, Timing timing, double pingIntervalS, Instant at) {
        return drivers * changesPerDriverSecond(timing, pingIntervalS, timing.cityTime(at));
    }

    /** Per driver of the fleet: its pings while online, and its share of the rides' changes, at a city moment. */
    private static double changesPerDriverSecond(Timing timing, double pingIntervalS, Instant cityTime) {
        double pings = Shifts.expectedOnlineShare(cityTime) / pingIntervalS;
        double rides = Shifts.meanOnlineShare()
                * Timing.TRIPS_PER_ONLINE_HOUR
                / 3600
                * timing.scale()
                * DayCurve.demand(cityTime)
                * CHANGES_PER_REQUEST;
        return pings + rides;
    }

    /** Takes over riders, drivers and open bookings already in the source, so a new run continues the city. */
    public void adopt(
            Map<Long, String> existingRiders,
            List<AdoptedDriver> drivers,
            List<BookingRow> openBookings,
            Instant now,
            List<Change> out) {
        // A city as large as the preset: more people in the source (an earlier, larger run) stay at home.
        existingRiders.entrySet().stream()
                .limit(profile.riders())
                .forEach(e -> riders.add(e.getKey(), City.byCode(e.getValue())));
        Map<Long, BookingRow> served = new HashMap<>();
        for (BookingRow b : openBookings) {
            if (b.driverId() != null) {
                served.put(b.driverId(), b);
            }
        }
        int others = 0;
        for (AdoptedDriver a : drivers) {
            BookingRow serving = served.get(a.driverId());
            if (serving == null && others >= profile.drivers()) {
                if (a.status() != DriverStatus.OFFLINE) {
                    out.add(new Change.DriverStatusUpdate(a.driverId(), DriverStatus.OFFLINE, now));
                }
                continue;
            }
            if (serving == null) {
                others++;
            }
            City city = City.byCode(a.city());
            double[] p = Fleet.randomPoint(city, random);
            Driver d = new Driver(a.driverId(), city, a.vehicleType(), a.status(), p[0], p[1]);
            d.markHasDriven();
            fleet.add(d, now);
            if (serving != null) {
                d.serve(serving.bookingId());
                if (d.status() != DriverStatus.BUSY) {
                    out.add(fleet.setStatus(d, DriverStatus.BUSY, now));
                }
            } else if (d.status() == DriverStatus.BUSY) {
                out.add(fleet.setStatus(d, DriverStatus.AVAILABLE, now));
            }
        }
        for (BookingRow row : openBookings) {
            Booking b = Booking.restore(row);
            b.checkAgainAt(later(row.updatedAt(), now).plusSeconds(1));
            open.put(b.bookingId(), b);
            due.add(b);
        }
    }

    /** Creates riders and drivers until the city has as many as the preset asks for. */
    public void populate(Instant now, List<Change> out) {
        while (riders.size() < profile.riders()) {
            signUpRider(now, out);
        }
        while (fleet.size() < profile.drivers()) {
            signUpDriver(now, out);
        }
        lastStep = now;
    }

    private void signUpRider(Instant now, List<Change> out) {
        City city = City.ALL.get(random.nextInt(City.ALL.size()));
        long id = ids.rider();
        riders.add(id, city);
        String first = faker.name().firstName();
        String last = faker.name().lastName();
        out.add(new Change.RiderInsert(
                id,
                first + " " + last,
                (first + "." + last + "." + id + "@example.com").toLowerCase(Locale.ROOT),
                faker.phoneNumber().cellPhone(),
                city.code(),
                now));
    }

    private void signUpDriver(Instant now, List<Change> out) {
        City city = City.ALL.get(fleet.size() % City.ALL.size());
        VehicleType type = VehicleType.byShare(random.nextDouble());
        double[] p = Fleet.randomPoint(city, random);
        long id = ids.driver();
        Driver d = new Driver(id, city, type, fleet.initialStatus(id, now), p[0], p[1]);
        fleet.add(d, now);
        out.add(new Change.DriverInsert(
                d.driverId(),
                faker.name().fullName(),
                faker.phoneNumber().cellPhone(),
                city.code(),
                type,
                plate(),
                d.status(),
                now));
    }

    private String plate() {
        return String.format(
                Locale.ROOT,
                "%02d%c-%03d.%02d",
                10 + random.nextInt(90),
                (char) ('A' + random.nextInt(26)),
                random.nextInt(1000),
                random.nextInt(100));
    }

    /** Advances the city to {@code now} and returns the row changes made, in the order they happened. */
    public List<Change> step(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        List<Change> out = new ArrayList<>();
        double seconds =
                lastStep == null || !at.isAfter(lastStep) ? 0 : (at.toEpochMilli() - lastStep.toEpochMilli()) / 1000.0;
        lastStep = lastStep == null || at.isAfter(lastStep) ? at : lastStep;
        double citySeconds = timing.citySeconds(seconds);
        riders.comeBack(at);
        for (int i = Poisson.sample(random, profile.riders() * RIDER_SIGNUPS_PER_DAY * citySeconds / 86_400);
                i > 0;
                i--) {
            signUpRider(at, out);
        }
        for (int i = Poisson.sample(random, profile.drivers() * DRIVER_SIGNUPS_PER_DAY * citySeconds / 86_400);
                i > 0;
                i--) {
            signUpDriver(at, out);
        }
        fleet.shifts(at, out);
        fleet.absences(seconds, at, out);
        double expected = riders.active()
                * requestsPerRiderSecond
                * DayCurve.demand(timing.cityTime(at))
                * scenario.demandMultiplier()
                * citySeconds;
        for (int i = Poisson.sample(random, expected); i > 0 && open.size() < profile.maxInflight(); i--) {
            request(at, out);
        }
        while (!due.isEmpty() && !due.peek().nextCheckAt().isAfter(at)) {
            advance(due.poll(), at, out);
        }
        while (!corrections.isEmpty() && !corrections.peek().at().isAfter(at)) {
            out.add(corrections.poll().change());
        }
        if (scenario.driverOffboardShare() > 0 && chance(scenario.driverOffboardShare())) {
            fleet.offboard(out);
        }
        fleet.ping(at, ids, out);
        return out;
    }

    private void request(Instant now, List<Change> out) {
        Long picked = riders.pick(now);
        if (picked == null) {
            return;
        }
        long riderId = picked;
        City city = riders.city(riderId);
        // a scenario's hot cells (an event, a station at rush hour) draw riders away from home
        double fromHome = scenario.hotCells() > 0 ? FROM_HOME / 3 : FROM_HOME;
        String cell = random.nextDouble() < fromHome ? riders.habit(riderId).homeCell() : demand.pickupCell();
        if (!cell.startsWith(city.code())) {
            // A hot cell is in another city: the rider is a visitor there, which is fine for a ride.
            city = City.byCode(cell.substring(0, 3));
        }
        double[] pickup = city.pointInCell(cell, random.nextDouble(), random.nextDouble());
        double[] dropoff = dropoffNear(city, pickup);
        double km = Math.max(0.3, Geo.distanceKm(pickup[0], pickup[1], dropoff[0], dropoff[1]));
        VehicleType type = VehicleType.byShare(random.nextDouble());
        int demandHere = demand.recordRequest(city.code(), pickup[0], pickup[1], now);
        // drivers just outside the supply radius still come: one more than those inside it
        BigDecimal surge =
                SurgePricing.multiplier(demandHere, fleet.availableNear(city.code(), pickup[0], pickup[1], now) + 1);
        int promo = random.nextDouble() < PROMO_SHARE ? random.nextInt(PROMOS.length) : -1;
        double expectedSeconds = tripMillis(km, now, 1) / 1000.0;
        BigDecimal estimate = Fares.fare(
                type, km, timing.billedMinutes(expectedSeconds), surge, promo < 0 ? 0 : PROMO_PERCENT[promo]);
        requested++;
        Booking b = new Booking(
                ids.booking(),
                riderId,
                city.code(),
                type,
                pickup[0],
                pickup[1],
                cell,
                dropoff[0],
                dropoff[1],
                city.cellOf(dropoff[0], dropoff[1]),
                BigDecimal.valueOf(km).setScale(3, RoundingMode.HALF_UP),
                estimate,
                surge,
                promo < 0 ? null : PROMOS[promo],
                now);
        b.checkAgainAt(now.plusMillis(cityMillis(timing.acceptDelayMin(), timing.acceptDelayMax())));
        open.put(b.bookingId(), b);
        due.add(b);
        out.add(new Change.BookingInsert(b.row()));
    }

    /** Trips run 1-6 km in a random direction, kept inside the city's grid. */
    private double[] dropoffNear(City city, double[] pickup) {
        double km = 1 + 5 * random.nextDouble();
        double bearing = random.nextDouble() * 2 * Math.PI;
        double lat = pickup[0] + km / 111.0 * Math.cos(bearing);
        double lon = pickup[1] + km / (111.0 * Math.cos(Math.toRadians(pickup[0]))) * Math.sin(bearing);
        double maxLat = city.minLat() + City.GRID * City.CELL_DEGREES;
        double maxLon = city.minLon() + City.GRID * City.CELL_DEGREES;
        return new double[] {
            Math.max(city.minLat(), Math.min(maxLat, lat)), Math.max(city.minLon(), Math.min(maxLon, lon))
        };
    }

    private void advance(Booking b, Instant now, List<Change> out) {
        BookingStatus from = b.status();
        int mark = out.size();
        switch (from) {
            case REQUESTED -> {
                if (withdrawn(b, out)) {
                    return;
                }
                match(b, now, out);
            }
            case ACCEPTED -> arriveOrCancel(b, now, out);
            case ARRIVED -> startOrNoShow(b, now, out);
            case IN_PROGRESS -> complete(b, now, out);
            default -> throw new IllegalStateException("closed booking " + b.bookingId() + " was still scheduled");
        }
        if (b.status() != from) {
            // The booking's own row changes first; the driver, payment and rating follow from it.
            out.add(mark, new Change.BookingUpdate(b.row(), from));
        }
        if (b.status().isOpen()) {
            due.add(b);
        } else {
            open.remove(b.bookingId());
            riders.ended(b.row(), now);
        }
    }

    /** Whether the waiting rider withdrew the request (corrections scenario): its row is deleted. */
    private boolean withdrawn(Booking b, List<Change> out) {
        if (scenario.withdrawnRequestShare() == 0 || !chance(scenario.withdrawnRequestShare())) {
            return false;
        }
        open.remove(b.bookingId());
        out.add(new Change.BookingDelete(b.bookingId()));
        return true;
    }

    private void match(Booking b, Instant now, List<Change> out) {
        var driver = fleet.nearestAvailable(b.city(), b.vehicleType(), b.pickupLat(), b.pickupLon(), now);
        if (driver.isPresent()) {
            Driver d = driver.get();
            double[] p = d.positionAt(now);
            double km = Geo.distanceKm(p[0], p[1], b.pickupLat(), b.pickupLon());
            // streets are not straight lines: about 1.3x the crow-flies distance
            long driveMillis = Math.max(1000, timing.driveMillis(km * 1.3 + 0.2, now));
            b.accept(d.driverId(), (int) Math.max(1, Math.round(timing.citySeconds(driveMillis / 1000.0))), now);
            d.serve(b.bookingId());
            out.add(fleet.setStatus(d, DriverStatus.BUSY, now));
            d.driveTo(b.pickupLat(), b.pickupLon(), now, now.plusMillis(driveMillis));
            b.checkAgainAt(now.plusMillis(driveMillis));
            return;
        }
        if (timing.gaveUp(b.requestedAt(), now)) {
            b.cancel(CancelledBy.SYSTEM, "no driver available", now);
        } else if (chance(BASE_RIDER_CANCEL * scenario.riderCancelMultiplier())) {
            b.cancel(CancelledBy.RIDER, "waited too long", now);
        } else {
            b.checkAgainAt(now.plusMillis(timing.retryMatchMillis()));
        }
    }

    private void arriveOrCancel(Booking b, Instant now, List<Change> out) {
        if (chance(BASE_RIDER_CANCEL * scenario.riderCancelMultiplier())) {
            b.cancel(CancelledBy.RIDER, "changed plans", now);
            release(b, now, out);
        } else if (chance(BASE_DRIVER_CANCEL * scenario.driverCancelMultiplier())) {
            b.cancel(CancelledBy.DRIVER, "driver cancelled", now);
            release(b, now, out);
        } else {
            b.arrive(now);
            b.checkAgainAt(now.plusMillis(cityMillis(timing.waitAtPickupMin(), timing.waitAtPickupMax())));
        }
    }

    private void startOrNoShow(Booking b, Instant now, List<Change> out) {
        if (chance(BASE_NO_SHOW * scenario.riderCancelMultiplier())) {
            b.cancel(CancelledBy.DRIVER, "rider no-show", now);
            release(b, now, out);
            return;
        }
        b.start(now);
        long millis = Math.max(1000, tripMillis(b.distanceKm().doubleValue(), now, 0.85 + 0.35 * random.nextDouble()));
        fleet.byId(b.driverId()).ifPresent(d -> d.driveTo(b.dropoffLat(), b.dropoffLon(), now, now.plusMillis(millis)));
        b.checkAgainAt(now.plusMillis(millis));
    }

    private void complete(Booking b, Instant now, List<Change> out) {
        double seconds = (now.toEpochMilli() - b.startedAt().toEpochMilli()) / 1000.0;
        int promo = b.promoCode() == null
                ? 0
                : PROMO_PERCENT[java.util.Arrays.asList(PROMOS).indexOf(b.promoCode())];
        BigDecimal fare = Fares.fare(
                b.vehicleType(),
                b.distanceKm().doubleValue(),
                timing.billedMinutes(seconds),
                b.surgeMultiplier(),
                promo);
        b.complete(fare, now);
        release(b, now, out);
        double method = random.nextDouble();
        long paymentId = ids.payment();
        String status = chance(0.97) ? "PAID" : "FAILED";
        out.add(new Change.PaymentInsert(
                paymentId, b.bookingId(), fare, method < 0.5 ? "CARD" : method < 0.8 ? "WALLET" : "CASH", status, now));
        if (status.equals("PAID") && scenario.refundShare() > 0 && chance(scenario.refundShare())) {
            later(now, new Change.PaymentRefund(paymentId));
        }
        if (chance(RATED_SHARE)) {
            out.add(new Change.RatingInsert(b.bookingId(), chance(0.6) ? stars() : null, stars(), now));
            if (scenario.ratingEditShare() > 0 && chance(scenario.ratingEditShare())) {
                later(now, new Change.RatingEdit(b.bookingId(), chance(0.6) ? stars() : null, stars()));
            }
        }
    }

    /** A correction 10-60 s after {@code now}. */
    private void later(Instant now, Change change) {
        corrections.add(new Scheduled(now.plusMillis(uniformMillis(10, 60)), change));
    }

    private void release(Booking b, Instant now, List<Change> out) {
        if (b.driverId() == null) {
            return;
        }
        fleet.byId(b.driverId()).ifPresent(d -> fleet.release(d, b.status() == BookingStatus.COMPLETED, now, out));
    }

    /** Event-time length of a trip: the street distance (1.3x crow-flies) in the traffic of the moment. */
    private long tripMillis(double km, Instant now, double jitter) {
        return Math.round(timing.driveMillis(km * 1.3, now) * scenario.tripDurationMultiplier() * jitter);
    }

    /** Event-time milliseconds for a city span drawn uniformly between two lengths in city seconds. */
    private long cityMillis(double minSeconds, double maxSeconds) {
        return timing.eventMillis(minSeconds + random.nextDouble() * (maxSeconds - minSeconds));
    }

    /** Ratings lean to five stars, as they do in the wild. */
    private int stars() {
        double x = random.nextDouble();
        return x < 0.6 ? 5 : x < 0.85 ? 4 : x < 0.95 ? 3 : x < 0.98 ? 2 : 1;
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private long uniformMillis(int minSeconds, int maxSeconds) {
        return minSeconds * 1000L + (long) (random.nextDouble() * (maxSeconds - minSeconds) * 1000);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    public int inflight() {
        return open.size();
    }

    public int riders() {
        return riders.size();
    }

    public int activeRiders() {
        return riders.active();
    }

    public long riderQuits() {
        return riders.quits();
    }

    public long riderComebacks() {
        return riders.comebacks();
    }

    public long driverQuits() {
        return fleet.quits();
    }

    public long driverComebacks() {
        return fleet.comebacks();
    }

    public long requested() {
        return requested;
    }

    public int onlineDrivers() {
        return fleet.online();
    }

    /** Mean seconds between two pings of one online driver, over the run so far. */
    public double meanPingIntervalSeconds() {
        return fleet.meanPingIntervalSeconds();
    }

    public int drivers() {
        return fleet.size();
    }

    public double onlineShare() {
        return fleet.onlineShare();
    }

    public List<String> hotCells() {
        return demand.hotCells();
    }

    /** A driver as stored, to be taken over by a new run. */
    public record AdoptedDriver(long driverId, String city, VehicleType vehicleType, DriverStatus status) {}
}
