package dev.rideops.generator.sim;

import dev.rideops.generator.model.City;
import dev.rideops.scenarios.LoadScenario;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Where rides are requested away from home: pickup cells weighted towards the scenario's hot cells, and each cell's
 * recent request count for surge pricing.
 */
final class Demand {

    private final Random random;
    private final long windowMillis;
    private final List<String> cells = new ArrayList<>();
    private final double[] cumulativeWeights;
    /** Recent requests per city, for the demand side of surge. */
    private final Map<String, Deque<Recent>> recent = new HashMap<>();

    private record Recent(Instant at, double lat, double lon) {}

    private final List<String> hotCells;

    Demand(Random random, LoadScenario scenario, Timing timing) {
        this.random = random;
        this.windowMillis = timing.demandWindowMillis();
        for (City city : City.ALL) {
            cells.addAll(city.cells());
        }
        List<String> shuffled = new ArrayList<>(cells);
        java.util.Collections.shuffle(shuffled, random);
        this.hotCells = List.copyOf(shuffled.subList(0, Math.min(scenario.hotCells(), shuffled.size())));
        cumulativeWeights = new double[cells.size()];
        double total = 0;
        for (int i = 0; i < cells.size(); i++) {
            total += hotCells.contains(cells.get(i)) ? scenario.hotCellDemandMultiplier() : 1.0;
            cumulativeWeights[i] = total;
        }
    }

    List<String> hotCells() {
        return hotCells;
    }

    String pickupCell() {
        double x = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        int lo = 0;
        int hi = cumulativeWeights.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulativeWeights[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return cells.get(lo);
    }

    /**
     * Records a request and returns the requests within the supply radius of it (this one included) during the
     * demand window: the demand side of surge, over the same area as its supply side.
     */
    int recordRequest(String city, double lat, double lon, Instant now) {
        Deque<Recent> times = recent.computeIfAbsent(city, c -> new ArrayDeque<>());
        times.addLast(new Recent(now, lat, lon));
        Instant horizon = now.minusMillis(windowMillis);
        while (!times.isEmpty() && times.peekFirst().at().isBefore(horizon)) {
            times.removeFirst();
        }
        int near = 0;
        for (Recent r : times) {
            if (dev.rideops.generator.model.Geo.distanceKm(r.lat(), r.lon(), lat, lon) <= Timing.SUPPLY_RADIUS_KM) {
                near++;
            }
        }
        return near;
    }
}
