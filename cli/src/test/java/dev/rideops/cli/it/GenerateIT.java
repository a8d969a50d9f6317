package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.clients.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code rideops generate} against a real source PostgreSQL: the contract's invariants hold in SQL after seed and
 * stream runs, a restart continues the city, a lost connection is survived, rates hold, bad input is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GenerateIT {

    /** Each query counts rows that break a rule of docs/CONTRACT.md; all must be zero. */
    private static final String[] INVARIANTS = {
        "SELECT count(*) FROM bookings WHERE status = 'REQUESTED' AND (driver_id IS NOT NULL OR accepted_at IS NOT NULL)",
        "SELECT count(*) FROM bookings WHERE status IN ('ACCEPTED', 'ARRIVED', 'IN_PROGRESS', 'COMPLETED') "
                + "AND (driver_id IS NULL OR accepted_at IS NULL)",
        "SELECT count(*) FROM bookings WHERE status IN ('ARRIVED', 'IN_PROGRESS', 'COMPLETED') AND arrived_at IS NULL",
        "SELECT count(*) FROM bookings WHERE status IN ('IN_PROGRESS', 'COMPLETED') AND started_at IS NULL",
        "SELECT count(*) FROM bookings WHERE (status = 'COMPLETED') <> (completed_at IS NOT NULL AND fare_amount "
                + "IS NOT NULL)",
        "SELECT count(*) FROM bookings WHERE (status = 'CANCELLED') <> (cancelled_at IS NOT NULL AND cancelled_by "
                + "IS NOT NULL)",
        "SELECT count(*) FROM bookings WHERE accepted_at < requested_at OR arrived_at < accepted_at "
                + "OR started_at < arrived_at OR completed_at < started_at OR cancelled_at < requested_at",
        "SELECT count(*) FROM payments p JOIN bookings b USING (booking_id) WHERE b.status <> 'COMPLETED' "
                + "OR p.amount <> b.fare_amount",
        "SELECT count(*) FROM (SELECT booking_id FROM payments GROUP BY booking_id HAVING count(*) > 1) twice",
        "SELECT count(*) FROM ratings r JOIN bookings b USING (booking_id) WHERE b.status <> 'COMPLETED'",
        "SELECT count(*) FROM (SELECT driver_id FROM bookings WHERE status IN ('ACCEPTED', 'ARRIVED', 'IN_PROGRESS') "
                + "GROUP BY driver_id HAVING count(*) > 1) double_booked",
        "SELECT count(*) FROM drivers d WHERE (d.status = 'BUSY') <> EXISTS (SELECT 1 FROM bookings b WHERE "
                + "b.driver_id = d.driver_id AND b.status IN ('ACCEPTED', 'ARRIVED', 'IN_PROGRESS'))",
        "SELECT count(*) FROM driver_location_events e WHERE NOT EXISTS (SELECT 1 FROM drivers d "
                + "WHERE d.driver_id = e.driver_id)",
    };

    private Rideops rideops;
    private SourceDatabase source;

    @BeforeAll
    void startSource() throws Exception {
        Path home = Files.createTempDirectory("rideops-generate-it");
        rideops = new Rideops(home);
        source = new SourceDatabase(rideops).start();
    }

    @AfterAll
    void stopSource() {
        if (source != null) {
            source.close();
        }
        if (rideops != null) {
            rideops.run("down", "--purge");
        }
    }

    private void assertInvariants() throws Exception {
        for (String query : INVARIANTS) {
            assertThat(source.count(query)).as(query).isZero();
        }
    }

    @Test
    @Order(1)
    void seedWritesAConsistentPastHistory() throws Exception {
        Rideops.Result r = rideops.runOk(
                "generate",
                "--mode",
                "seed",
                "--history",
                "10m",
                "--volume",
                "tiny",
                "--seed",
                "7",
                "--time-scale",
                "12",
                "--local-hour",
                "18",
                "--json");

        JsonNode summary = r.json();
        assertThat(summary.get("errors").asLong()).isZero();
        // the preset's 100, and whoever signed up during those (compressed) ten minutes
        assertThat(summary.get("rows_by_table").get("riders").asLong()).isGreaterThanOrEqualTo(100);
        assertThat(source.count("SELECT count(*) FROM riders"))
                .isEqualTo(summary.get("rows_by_table").get("riders").asLong());
        assertThat(source.count("SELECT count(*) FROM drivers")).isEqualTo(40);
        assertThat(source.count("SELECT count(*) FROM bookings WHERE status = 'COMPLETED'"))
                .isPositive();
        assertThat(source.count(
                        "SELECT extract(epoch FROM max(requested_at) - min(requested_at))::bigint " + "FROM bookings"))
                .isBetween(7L * 60, 10L * 60);
        assertThat(source.count("SELECT count(*) FROM bookings WHERE requested_at > now()"))
                .isZero();
        assertInvariants();
    }

    @Test
    @Order(2)
    void streamContinuesTheCityAndReportsWhatItWrote() throws Exception {
        long openBefore = source.count("SELECT count(*) FROM bookings WHERE status NOT IN ('COMPLETED', 'CANCELLED')");
        long rowsBefore = source.count("SELECT count(*) FROM driver_location_events");
        long ridersBefore = source.count("SELECT count(*) FROM riders");

        Rideops.Result r = rideops.runOk(
                "generate",
                "--volume",
                "tiny",
                "--duration",
                "20s",
                "--seed",
                "8",
                "--time-scale",
                "12",
                "--local-hour",
                "18",
                "--json");

        JsonNode summary = r.json();
        assertThat(summary.get("target_eps").asInt()).isZero();
        assertThat(summary.get("achieved_eps").asDouble()).isPositive();
        assertThat(summary.get("errors").asLong()).isZero();
        assertThat(source.count("SELECT count(*) FROM driver_location_events") - rowsBefore)
                .isEqualTo(summary.get("rows_by_table")
                        .get("driver_location_events")
                        .asLong());
        assertThat(source.count("SELECT count(*) FROM riders") - ridersBefore)
                .as("the city was adopted: new riders are only those who signed up")
                .isEqualTo(summary.path("rows_by_table").path("riders").asLong(0));
        assertThat(summary.get("mean_ping_interval_seconds").asDouble()).isBetween(3.0, 5.0);
        if (openBefore > 0) {
            assertThat(source.count("SELECT count(*) FROM bookings WHERE requested_at < now() - interval '25 seconds' "
                            + "AND status NOT IN ('COMPLETED', 'CANCELLED')"))
                    .as("old open bookings moved on")
                    .isLessThan(openBefore);
        }
        assertThat(r.err()).contains("changes/s");
        assertInvariants();
    }

    /**
     * A run that deletes rows (every waiting request withdrawn, drivers offboarded) and then stops: the next run's ids
     * start above every id deleted, never on a gone row's. The job ignores a booking id's changes after its delete, so
     * a request that got a withdrawn one's id was missing from the mart in a CI run.
     */
    @Test
    @Order(2)
    void aDeletedRowsIdIsNeverHandedOutAgain() throws Exception {
        Path scenario = Files.writeString(Files.createTempFile("withdraw-all", ".yaml"), """
                name: withdraw-all
                description: every waiting request withdrawn, drivers offboarded
                withdrawn_request_share: 1.0
                driver_offboard_share: 0.2
                """);
        rideops.runOk(
                "generate",
                "--volume",
                "tiny",
                "--duration",
                "8s",
                "--scenario",
                scenario.toString(),
                "--seed",
                "21",
                "--time-scale",
                "60",
                "--local-hour",
                "18");
        // usually above every booking left (a request younger than its first check is still waiting at the end)
        long deletedBooking = source.count("SELECT high_id FROM deleted_id_high WHERE table_name = 'bookings'");
        assertThat(deletedBooking).as("the highest booking id deleted").isPositive();
        long newest = source.count("SELECT coalesce(max(booking_id), 0) FROM bookings");

        rideops.runOk(
                "generate",
                "--volume",
                "tiny",
                "--duration",
                "8s",
                "--seed",
                "22",
                // 32 minutes of the city: at 60x (8 minutes) the tiny evening city, its riders put off by the
                // withdrawn requests, once asked for no ride at all (CI39)
                "--time-scale",
                "240",
                "--local-hour",
                "18");
        assertThat(source.count("SELECT count(*) FROM bookings WHERE booking_id > " + newest))
                .as("bookings of the next run")
                .isPositive();
        assertThat(source.count("SELECT count(*) FROM bookings WHERE booking_id > " + newest + " AND booking_id <= "
                        + deletedBooking))
                .as("bookings of the next run on a deleted booking's id")
                .isZero();
        assertInvariants();
    }

    @Test
    @Order(3)
    void epsHoldsItsTarget() {
        JsonNode summary = rideops.runOk(
                        "generate", "--volume", "small", "--eps", "1000", "--duration", "15s", "--seed", "9", "--json")
                .json();

        assertThat(summary.get("target_eps").asInt()).isEqualTo(1000);
        assertThat(summary.get("achieved_eps").asDouble()).isCloseTo(1000, Percentage.withPercentage(5));
        // whatever the hour: the city plays its busy hour and is sized for it, its sign-ups written first
        assertThat(summary.get("local_hour").asInt()).isEqualTo(18);
        assertThat(summary.get("local_clock").asText()).isEqualTo("fixed");
        assertThat(summary.get("drivers").asInt()).isBetween(9_000, 13_000);
        assertThat(summary.get("setup_rows").asLong()).isLessThanOrEqualTo(75_000);
    }

    @Test
    @Order(4)
    void networkLatencyScenarioDelaysEveryDatabaseRoundTrip() {
        // the evening peak whatever the hour of the test, so both runs commit about as often
        JsonNode steady = rideops.runOk(
                        "generate", "--volume", "small", "--duration", "6s", "--local-hour", "18", "--json")
                .json();
        JsonNode slow = rideops.runOk(
                        "generate",
                        "--volume",
                        "small",
                        "--duration",
                        "6s",
                        "--local-hour",
                        "18",
                        "--scenario",
                        "network-latency",
                        "--json")
                .json();

        assertThat(slow.get("scenario").asText()).isEqualTo("network-latency");
        // A commit is at least two round trips (statement batch, commit), each delayed 20-60 ms: at least 40 ms more
        // than without the scenario, whatever else the machine is doing.
        assertThat(slow.get("mean_commit_ms").asDouble())
                .isGreaterThan(steady.get("mean_commit_ms").asDouble() + 35);
    }

    @Test
    @Order(5)
    void lostConnectionIsRetriedAndNothingIsLeftInAnImpossibleState() throws Exception {
        // the cut comes 7 s after the command starts, whose JVM and setup take about 4: 10 s of writing leave about
        // 3 s before the cut, as before, and 7 after it to reconnect and go on (it wrote 15 s: 5 s more of the run)
        CompletableFuture<Rideops.Result> run = CompletableFuture.supplyAsync(
                () -> rideops.run("generate", "--volume", "tiny", "--eps", "300", "--duration", "10s", "--json"));
        Thread.sleep(7000);
        source.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE application_name = 'rideops-generator' AND pid <> pg_backend_pid()");

        Rideops.Result r = run.get();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("reconnects").asLong()).isPositive();
        assertThat(r.json().get("errors").asLong()).isZero();
        assertThat(r.err()).contains("lost the source database").contains("reconnected");
        assertInvariants();
    }

    @Test
    @Order(6)
    void detachedGeneratorRunsInTheBackgroundUntilStopped() throws Exception {
        // A scenario file in a directory only its owner may enter, named relative to the test's directory: as root,
        // the background generator runs as rideops-generator and reads its own copy.
        Path privateDir = Files.createTempDirectory(
                Path.of("target"),
                "scenario",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path scenario = Files.writeString(privateDir.resolve("steady-evening.yaml"), """
                name: steady-evening
                description: the steady city, from a file only its owner may read
                """);
        // the evening peak: a tiny city at a night-time wall clock may have nobody online to ping
        rideops.runOk(
                "--set",
                "source.password=password",
                "generate",
                "--detach",
                "--volume",
                "tiny",
                "--seed",
                "10",
                "--local-hour",
                "18",
                "--scenario",
                scenario.toString());
        String pid = Files.readString(rideops.home().resolve("services/generator/service.pid"))
                .trim()
                .split(" ")[0];
        String commandLine = Files.readString(Path.of("/proc", pid, "cmdline")).replace('\0', ' ');
        assertThat(commandLine)
                .contains("generate --volume tiny --seed 10")
                .containsPattern("--scenario /\\S*steady-evening\\.yaml")
                .doesNotContain("source.password")
                .doesNotContain("--detach");
        assertThat(Files.readString(rideops.home().resolve("services/generator/service.log")))
                .contains("scenario steady-evening");
        long before = source.count("SELECT count(*) FROM driver_location_events");
        // it writes within a second or two of its start: poll rather than sleep a fixed time
        assertThat(Poll.every(Duration.ofMillis(500), Duration.ofSeconds(30)).until(() -> {
                    try {
                        return source.count("SELECT count(*) FROM driver_location_events") > before;
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .as("the detached generator wrote new pings")
                .isTrue();
        assertThat(rideops.run("generate", "--volume", "tiny").err()).contains("another generator");

        Rideops.Result stop = rideops.runOk("generate", "stop");
        assertThat(stop.out()).contains("generator stopped").contains("changes/s achieved");
        assertThat(rideops.runOk("generate", "stop").out()).contains("no generator is running");
        assertInvariants();
    }

    /**
     * A source database that does not answer is one line naming it and 'rideops up', exit 1. The usage errors (exit
     * 2, before anything connects) and the scenario list are CliTest's, in process.
     */
    @Test
    @Order(7)
    void anUnreachableSourceDatabaseIsOneClearLineAndExit1() {
        Rideops.Result unreachable = rideops.run("generate", "--set", "source.port=1", "--duration", "1s");
        assertThat(unreachable.code()).isEqualTo(1);
        assertThat(unreachable.err().lines())
                .singleElement()
                .asString()
                .startsWith("rideops: cannot prepare the source database rideops_admin@localhost:1/ride_hailing_db")
                .contains("rideops up");
        assertThat(unreachable.err()).doesNotContain("\tat ");
    }
}
