package dev.rideops.generator.sim;

import dev.rideops.generator.model.BookingRow;
import dev.rideops.generator.model.Change;
import dev.rideops.scenarios.LoadScenario;
import dev.rideops.scenarios.VolumeProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A city run for a span of event time in fixed steps, keeping what the tests measure without holding every ping:
 * the booking rows as they ended up, ping counts and speeds, and the other changes.
 */
final class CityRun {

    final CitySimulator city;
    final Map<Long, BookingRow> bookings = new HashMap<>();
    final List<Change> others = new ArrayList<>();
    long pings;
    long movingPings;
    double movingSpeedSum;
    long setupChanges;
    long changesAfterSetup;

    private CityRun(CitySimulator city) {
        this.city = city;
    }

    static CityRun run(VolumeProfile profile, Timing timing, long seed, Instant start, Duration span, int stepMillis) {
        return run(profile, timing, Timing.PING_INTERVAL_S, seed, start, span, stepMillis);
    }

    static CityRun run(
            VolumeProfile profile,
            Timing timing,
            double pingIntervalS,
            long seed,
            Instant start,
            Duration span,
            int stepMillis) {
        CitySimulator city = new CitySimulator(profile, LoadScenario.STEADY, seed, Ids.fresh(), timing, pingIntervalS);
        CityRun run = new CityRun(city);
        List<Change> setup = new ArrayList<>();
        city.populate(start, setup);
        run.setupChanges = setup.size();
        setup.forEach(run::take);
        Instant end = start.plus(span);
        for (Instant now = start.plusMillis(stepMillis); !now.isAfter(end); now = now.plusMillis(stepMillis)) {
            for (Change c : city.step(now)) {
                run.changesAfterSetup++;
                run.take(c);
            }
        }
        return run;
    }

    private void take(Change c) {
        if (c instanceof Change.LocationEvent e) {
            pings++;
            if (e.speedKmh() > 0) {
                movingPings++;
                movingSpeedSum += e.speedKmh();
            }
        } else if (c instanceof Change.BookingInsert i) {
            bookings.put(i.row().bookingId(), i.row());
        } else if (c instanceof Change.BookingUpdate u) {
            bookings.put(u.row().bookingId(), u.row());
        } else {
            others.add(c);
        }
    }

    Collection<BookingRow> rows() {
        return bookings.values();
    }
}
