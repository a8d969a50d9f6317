package dev.rideops.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
                .containsExactly("steady", "surge", "bad-weather", "network-latency", "drivers-offline", "corrections");
        LoadScenario surge = Profiles.scenario("surge");
        assertThat(surge.hotCells()).isEqualTo(3);
        assertThat(surge.tripDurationMultiplier()).isEqualTo(1.0);
        assertThat(surge.description()).contains("hot cells");
        assertThat(Profiles.scenario("bad-weather").offlineDriverFraction()).isEqualTo(0.33);
        assertThat(Profiles.scenario("network-latency").dbLatencyMs()).isEqualTo(20);
        LoadScenario exodus = Profiles.scenario("drivers-offline");
        assertThat(exodus.offlineDriverFraction()).isEqualTo(0.95);
        assertThat(exodus.driverChurnMultiplier()).isEqualTo(10.0);
        assertThat(exodus.demandMultiplier()).isEqualTo(1.0);
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
                    .isIn(
                            "kafka-1",
                            "flink-taskmanager-1",
                            "flink-jobmanager",
                            "connect",
                            "source-db",
                            "reporting-db",
                            "search");
            assertThat(f.description()).isNotBlank();
            assertThat(f.downFor()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
        }
        assertThat(Profiles.fault("restart-connect").action()).isEqualTo(FaultAction.STOP);
        assertThat(Profiles.fault("kill-broker").action()).isEqualTo(FaultAction.KILL);
        assertThat(Profiles.fault("restart-reporting-db").service()).isEqualTo("reporting-db");
        for (String pause : List.of("pause-connect", "pause-taskmanager", "pause-broker", "pause-search")) {
            assertThat(Profiles.fault(pause).action()).isEqualTo(FaultAction.PAUSE);
            assertThat(Profiles.fault(pause).downFor()).isPositive();
        }
    }

    @Test
    void everyShippedSchemaFaultRunsSqlOnTheSourceStatesItsEffectAndSaysWhetherItIsReverted() {
        List<String> schemaFaults = Profiles.FAULTS.stream()
                .filter(name -> name.startsWith("schema-"))
                .toList();
        assertThat(schemaFaults)
                .contains(
                        "schema-add-column",
                        "schema-add-column-default",
                        "schema-widen-type",
                        "schema-add-table",
                        "schema-rename-column");
        for (String name : schemaFaults) {
            FaultScenario f = Profiles.fault(name);
            assertThat(f.action()).isEqualTo(FaultAction.SCHEMA);
            assertThat(f.service()).isEqualTo("source-db");
            assertThat(f.apply()).isNotEmpty();
            assertThat(f.expect()).isNotNull();
            // only the widening stays: undoing it would rewrite the table under an exclusive lock
            assertThat(f.keptForGood()).as(name).isEqualTo(name.equals("schema-widen-type"));
        }
        assertThat(Profiles.fault("schema-widen-type").apply().get(0)).contains("surge_multiplier");

        // the two that change a column the job reads: what the job does, and which verify checks that touches
        FaultScenario drop = Profiles.fault("schema-drop-column");
        assertThat(drop.expect()).isEqualTo(SchemaExpectation.DEAD_LETTERS);
        assertThat(String.join(";", drop.apply())).contains("heading");
        assertThat(drop.verifyDiffers())
                .contains("driver_location_updates", "active_drivers", "one document per ping")
                .doesNotContain("rides_requested", "gmv");
        FaultScenario rename = Profiles.fault("schema-rename-read-column");
        assertThat(rename.expect()).isEqualTo(SchemaExpectation.KEEPS_GOING);
        assertThat(rename.verifyDiffers()).containsExactly("avg_driver_rating");
        assertThat(rename.revert().get(rename.revert().size() - 1))
                .isEqualTo("ALTER TABLE ratings RENAME COLUMN driver_stars TO driver_rating");
        assertThat(Profiles.fault("schema-add-column").verifyDiffers()).isEmpty();
    }

    @Test
    void everyShippedNetworkFaultPutsTheProxyOnAKnownLinkForAWhile() {
        List<String> network = Profiles.FAULTS.stream()
                .filter(name -> Profiles.fault(name).action() == FaultAction.NETWORK)
                .toList();
        assertThat(network)
                .containsExactly(
                        "latency-source-db",
                        "blackhole-source-db",
                        "partition-source-db",
                        "reset-source-db",
                        "bandwidth-source-db",
                        "latency-kafka",
                        "partition-reporting-db",
                        "blackhole-search");
        // every link the issue names has a fault on it, and only the connector's link is not the job's
        assertThat(network.stream().map(n -> Profiles.fault(n).network().link()).distinct())
                .containsExactlyInAnyOrder("connect-source-db", "kafka-job", "job-reporting-db", "job-search");
        assertThat(Profiles.fault("latency-kafka").network().jobLink()).isTrue();
        assertThat(Profiles.fault("latency-source-db").network().jobLink()).isFalse();
        NetworkFault throttled = Profiles.fault("bandwidth-source-db").network();
        assertThat(throttled.fault()).isEqualTo(NetworkFault.Kind.BANDWIDTH);
        assertThat(throttled.bytesPerSecond()).isEqualTo(65_536L);
        NetworkFault latency = Profiles.fault("latency-source-db").network();
        assertThat(latency.link()).isEqualTo("connect-source-db");
        assertThat(latency.fault()).isEqualTo(NetworkFault.Kind.LATENCY);
        assertThat(latency.latency()).isEqualTo(java.time.Duration.ofMillis(200));
        assertThat(latency.jitter()).isEqualTo(java.time.Duration.ofMillis(50));
        assertThat(Profiles.fault("reset-source-db").network().fault()).isEqualTo(NetworkFault.Kind.RESET);
    }

    @Test
    void networkFaultFilesNameAKnownLinkAndWhatTheirFaultNeeds(@TempDir Path dir) throws IOException {
        Path unknownLink = Files.writeString(
                dir.resolve("l.yaml"),
                "service: kafka-1\naction: network\ndown_for: 5s\nnetwork: {link: job-kafka, fault: reset}\n");
        assertThatThrownBy(() -> Profiles.fault(unknownLink.toString()))
                .hasMessageContaining(
                        "network link must be one of [connect-source-db, kafka-job, job-reporting-db, job-search]");

        Path noLatency = Files.writeString(
                dir.resolve("n.yaml"),
                "service: source-db\naction: network\ndown_for: 5s\nnetwork: {link: connect-source-db, fault: latency}\n");
        assertThatThrownBy(() -> Profiles.fault(noLatency.toString())).hasMessageContaining("needs latency");

        Path noNetwork =
                Files.writeString(dir.resolve("x.yaml"), "service: source-db\naction: network\ndown_for: 5s\n");
        assertThatThrownBy(() -> Profiles.fault(noNetwork.toString())).hasMessageContaining("needs network");

        Path forever = Files.writeString(
                dir.resolve("f.yaml"),
                "service: source-db\naction: network\nnetwork: {link: connect-source-db, fault: reset}\n");
        assertThatThrownBy(() -> Profiles.fault(forever.toString())).hasMessageContaining("needs down_for");
    }

    @Test
    void faultFilesAreCheckedForTheFieldsTheirActionNeeds(@TempDir Path dir) throws IOException {
        Path frozenForever = Files.writeString(dir.resolve("p.yaml"), "service: search\naction: pause\n");
        assertThatThrownBy(() -> Profiles.fault(frozenForever.toString()))
                .hasMessageContaining("a pause needs down_for");

        Path noSql =
                Files.writeString(dir.resolve("s.yaml"), "service: source-db\naction: schema\nexpect: keeps-going\n");
        assertThatThrownBy(() -> Profiles.fault(noSql.toString())).hasMessageContaining("needs apply");

        Path noExpect =
                Files.writeString(dir.resolve("e.yaml"), "service: source-db\naction: schema\napply: [SELECT 1]\n");
        assertThatThrownBy(() -> Profiles.fault(noExpect.toString())).hasMessageContaining("needs expect");

        Path badExpect = Files.writeString(
                dir.resolve("b.yaml"), "service: source-db\naction: schema\napply: [SELECT 1]\nexpect: shrugs\n");
        assertThatThrownBy(() -> Profiles.fault(badExpect.toString())).hasMessageContaining("keeps-going");

        Path sqlOnAKill = Files.writeString(
                dir.resolve("k.yaml"), "service: search\naction: kill\napply: [DROP TABLE bookings]\n");
        assertThatThrownBy(() -> Profiles.fault(sqlOnAKill.toString())).hasMessageContaining("schema faults only");

        Path differsOnAPause = Files.writeString(
                dir.resolve("d.yaml"), "service: search\naction: pause\ndown_for: 5s\nverify_differs: [gmv]\n");
        assertThatThrownBy(() -> Profiles.fault(differsOnAPause.toString())).hasMessageContaining("schema faults only");

        Path kept = Files.writeString(
                dir.resolve("keep.yaml"),
                "service: source-db\naction: schema\napply: [SELECT 1]\nexpect: dead-letters\n");
        FaultScenario keptForGood = Profiles.fault(kept.toString());
        assertThat(keptForGood.keptForGood()).isTrue();
        assertThat(keptForGood.expect()).isEqualTo(SchemaExpectation.DEAD_LETTERS);
    }

    @Test
    void unknownOrInvalidFaultsAreNamed(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Profiles.fault("kill-everything"))
                .hasMessageContaining("unknown fault 'kill-everything'")
                .hasMessageContaining("kill-broker");

        Path mine = Files.writeString(dir.resolve("stop-search.yaml"), "service: search\naction: stop\n");
        assertThat(Profiles.fault(mine.toString()).name()).isEqualTo("stop-search");

        Path freeze = Files.writeString(dir.resolve("freeze.yaml"), "name: freeze\nservice: search\naction: freeze\n");
        assertThatThrownBy(() -> Profiles.fault(freeze.toString()))
                .hasMessageContaining("action must be kill, stop, pause, schema or network");
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
