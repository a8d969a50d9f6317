package dev.rideops.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesTest {

    /** Row changes per second a preset produces: a booking is ~9 changes over its life, plus location pings. */
    private static double changesPerSecond(VolumeProfile p) {
        double perStep = p.newBookingProb() * 9 + p.driverUpdates();
        return perStep / ((p.sleepMin() + p.sleepMax()) / 2);
    }

    @Test
    void largeIsAboutTwentyTimesSmallWithTheContractsSleepsAndInflightCap() {
        VolumeProfile small = Profiles.volume(Volume.SMALL);
        VolumeProfile large = Profiles.volume(Volume.LARGE);

        assertThat(changesPerSecond(large) / changesPerSecond(small)).isBetween(17.0, 23.0);
        assertThat(large.sleepMin()).isEqualTo(0.05);
        assertThat(large.sleepMax()).isEqualTo(0.15);
        assertThat(large.maxInflight()).isEqualTo(6000);
    }

    @Test
    void presetsGrowFromTinyToLarge() {
        double previous = 0;
        for (Volume v : Volume.values()) {
            double rate = changesPerSecond(Profiles.volume(v));
            assertThat(rate).as(v.toString()).isGreaterThan(previous);
            previous = rate;
        }
    }

    @Test
    void shippedScenariosLoadWithNeutralDefaultsForWhatTheyDoNotSay() {
        assertThat(Profiles.scenarios())
                .extracting(LoadScenario::name)
                .containsExactly("steady", "surge", "bad-weather", "network-latency", "corrections");
        LoadScenario surge = Profiles.scenario("surge");
        assertThat(surge.hotCells()).isEqualTo(3);
        assertThat(surge.tripDurationMultiplier()).isEqualTo(1.0);
        assertThat(surge.description()).contains("hot cells");
        assertThat(Profiles.scenario("bad-weather").offlineDriverFraction()).isEqualTo(0.33);
        assertThat(Profiles.scenario("network-latency").dbLatencyMs()).isEqualTo(20);
        assertThat(Profiles.scenario("network-latency").refundShare()).isZero();
        LoadScenario corrections = Profiles.scenario("corrections");
        assertThat(corrections.refundShare()).isPositive();
        assertThat(corrections.ratingEditShare()).isPositive();
        assertThat(corrections.withdrawnRequestShare()).isPositive();
        assertThat(corrections.driverOffboardShare()).isPositive();
        assertThat(Profiles.scenario("steady"))
                .usingRecursiveComparison()
                .ignoringFields("description")
                .isEqualTo(LoadScenario.STEADY);
    }

    @Test
    void unknownScenarioListsTheKnownOnes() {
        assertThatThrownBy(() -> Profiles.scenario("tornado"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scenario 'tornado'")
                .hasMessageContaining("bad-weather");
    }

    @Test
    void customScenarioFileIsReadAndValidated(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("rush.yaml"), "name: rush\ndemand_multiplier: 3\n");
        assertThat(Profiles.scenario(file.toString()).demandMultiplier()).isEqualTo(3.0);

        Path bad = Files.writeString(dir.resolve("bad.yaml"), "offline_driver_fraction: 1.5\n");
        assertThatThrownBy(() -> Profiles.scenario(bad.toString())).hasMessageContaining("offline_driver_fraction");

        Path typo = Files.writeString(dir.resolve("typo.yaml"), "demand_multiplyer: 2\n");
        assertThatThrownBy(() -> Profiles.scenario(typo.toString())).hasMessageContaining("demand_multiplyer");
    }

    @Test
    void everyShippedFaultNamesAServiceAndAnAction() {
        for (String name : Profiles.FAULTS) {
            FaultScenario f = Profiles.fault(name);
            assertThat(f.name()).isEqualTo(name);
            assertThat(f.service())
                    .isIn("kafka-1", "flink-taskmanager-1", "flink-jobmanager", "connect", "source-db", "search");
            assertThat(f.description()).isNotBlank();
            assertThat(f.downFor()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
        }
        assertThat(Profiles.fault("restart-connect").action()).isEqualTo(FaultAction.STOP);
        assertThat(Profiles.fault("kill-broker").action()).isEqualTo(FaultAction.KILL);
    }

    @Test
    void unknownOrInvalidFaultsAreNamed(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Profiles.fault("kill-everything"))
                .hasMessageContaining("unknown fault 'kill-everything'")
                .hasMessageContaining("kill-broker");

        Path mine = Files.writeString(dir.resolve("stop-search.yaml"), "service: search\naction: stop\n");
        assertThat(Profiles.fault(mine.toString()).name()).isEqualTo("stop-search");

        Path pause = Files.writeString(dir.resolve("pause.yaml"), "name: pause\nservice: search\naction: pause\n");
        assertThatThrownBy(() -> Profiles.fault(pause.toString())).hasMessageContaining("action must be kill or stop");
    }

    @Test
    void workloadDurationsAreReadAsUsersWriteThem(@TempDir Path dir) throws IOException {
        BenchWorkload sustained = Profiles.workload("sustained-5k");
        assertThat(sustained.duration()).isEqualTo(java.time.Duration.ofMinutes(10));
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\neps: 100\nduration: ten minutes\n");
        assertThatThrownBy(() -> Profiles.workload(bad.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is invalid")
                .hasMessageContaining("ten minutes");
    }
}
