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
    private final Map<String, Deque<Instant>> recent = new HashMap<>();
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

    /** Records a request in its cell and returns the cell's requests within the demand window. */
    int recordRequest(String cell, Instant now) {
        Deque<Instant> times = recent.computeIfAbsent(cell, c -> new ArrayDeque<>());
        times.addLast(now);
        Instant horizon = now.minusMillis(windowMillis);
        while (!times.isEmpty() && times.peekFirst().isBefore(horizon)) {
            times.removeFirst();
        }
        return times.size();
    }
}
