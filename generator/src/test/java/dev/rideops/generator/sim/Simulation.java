package dev.rideops.generator.sim;

import dev.rideops.generator.model.Change;
import dev.rideops.scenarios.LoadScenario;
import dev.rideops.scenarios.Profiles;
import dev.rideops.scenarios.Volume;
import dev.rideops.scenarios.VolumeProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a city on a virtual clock for tests: the changes it made, in order, and the simulator at the end. The city
 * runs on the compressed clock ({@link Timing#COMPRESSED}), so a few thousand steps of 300 ms hold whole rides.
 */
record Simulation(List<Change> changes, CitySimulator city) {

    static final Instant START = Instant.parse("2026-03-02T07:00:00Z");

    static Simulation run(VolumeProfile profile, LoadScenario scenario, long seed, int steps) {
        CitySimulator city = new CitySimulator(
                profile, scenario, seed, Ids.fresh(), new Timing(Timing.COMPRESSED), Timing.PING_INTERVAL_S);
        List<Change> changes = new ArrayList<>();
        city.adopt(Map.of(), List.of(), List.of(), START, changes);
        city.populate(START, changes);
        Instant now = START;
        for (int i = 0; i < steps; i++) {
            now = now.plusMillis(300);
            changes.addAll(city.step(now));
        }
        return new Simulation(changes, city);
    }

    static Simulation small(LoadScenario scenario, long seed, int steps) {
        return run(Profiles.volume(Volume.SMALL), scenario, seed, steps);
    }
}
