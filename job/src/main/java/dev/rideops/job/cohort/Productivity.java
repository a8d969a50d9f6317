package dev.rideops.job.cohort;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each driver's productivity on one UTC day, from the trips it completed that day and its pings: the source keeps
 * no history of status changes, only the status each ping carries, and an online driver pings every few seconds.
 * Online time is the sum of the gaps between a driver's consecutive pings of the day that are at most
 * {@code onlineGapSeconds} long; a longer gap is time offline. Pings must arrive per driver in time order (ties
 * broken by event id), as the source query sorts them.
 */
public final class Productivity {

    private final LocalDate day;
    private final long maxGapMicros;
    private final Map<Long, Driver> drivers = new TreeMap<>();

    private static final class Driver {
        long trips;
        BigDecimal earnings = BigDecimal.ZERO;
        long onlineMicros;
        long lastPingMicros = Long.MIN_VALUE;
    }

    public Productivity(LocalDate day, CohortRules rules) {
        this.day = day;
        this.maxGapMicros = rules.onlineGapSeconds() * 1_000_000L;
    }

    /** A trip the driver completed that day, with its fare. */
    public void trip(long driverId, BigDecimal fare) {
        Driver d = driver(driverId);
        d.trips++;
        if (fare != null) {
            d.earnings = d.earnings.add(fare);
        }
    }

    /** A ping of the driver that day, at {@code epochMicros}; per driver in time order. */
    public void ping(long driverId, long epochMicros) {
        Driver d = driver(driverId);
        if (d.lastPingMicros != Long.MIN_VALUE) {
            long gap = epochMicros - d.lastPingMicros;
            if (gap < 0) {
                throw new IllegalArgumentException("pings of driver " + driverId + " are not in time order");
            }
            if (gap <= maxGapMicros) {
                d.onlineMicros += gap;
            }
        }
        d.lastPingMicros = epochMicros;
    }

    private Driver driver(long id) {
        return drivers.computeIfAbsent(id, k -> new Driver());
    }

    public List<ProductivityRow> rows() {
        List<ProductivityRow> rows = new ArrayList<>();
        drivers.forEach((id, d) -> {
            double hours = d.onlineMicros / 3_600_000_000.0;
            rows.add(new ProductivityRow(
                    day,
                    id,
                    d.trips,
                    hours,
                    d.earnings,
                    hours > 0 ? d.trips / hours : null,
                    hours > 0 ? d.earnings.doubleValue() / hours : null));
        });
        return rows;
    }
}
