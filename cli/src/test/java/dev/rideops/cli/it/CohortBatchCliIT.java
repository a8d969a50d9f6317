package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.stack.secrets.Secrets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code rideops batch cohort} as a user runs it: two days of seeded history with a fixed seed, the batch for both
 * finished days, {@code verify --cohorts} agreeing with the catalogue's SQL, a rerun changing nothing (with
 * {@code -Plong}), and the one-line refusals (a future day, a source database that is down).
 *
 * <p>The batch runs on the run's shared stack ({@link SharedTinyStack}): its Flink cluster, beside the streaming job,
 * as the dashboard's daily schedule runs it, and its reporting database. The source is one of this class's own (a
 * PostgreSQL alone in a home of its own, its superuser's password the shared home's), which the shared home's
 * commands reach through {@code RIDEOPS_SOURCE_PORT}: the shared source holds the live city's events up to now, and a
 * seed never writes before the newest event, so two past days need a source of their own. Stopping that source
 * (the last test) leaves the shared stack as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedTinyStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CohortBatchCliIT {

    private static final List<String> TABLES = List.of(
            "mart.rider_cohort_retention",
            "mart.driver_cohort_retention",
            "mart.rider_signup_retention",
            "mart.driver_signup_retention",
            "mart.driver_daily_productivity");

    /** The home of this class's source database, which only ever runs that. */
    private Rideops sourceHome;
    /** The shared stack's home, its commands pointed at this class's source database. */
    private Rideops rideops;

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeAll
    void start() throws Exception {
        Rideops shared = SharedTinyStack.get().rideops();
        sourceHome = new Rideops(Files.createTempDirectory("rideops-cohort-it"));
        new Secrets(sourceHome.home()).store(Secrets.POSTGRES_ADMIN, shared.adminPassword());
        sourceHome.runOk("start", "source-db");
        rideops = shared.withEnv("RIDEOPS_SOURCE_PORT", Integer.toString(sourceHome.sourcePort()));
        rideops.runOk("deploy", "--only", "schema");
        // a ping every 60 s per online driver, not ~4 s: the same rides and people in a fifteenth of the pings
        // (online time bridges gaps up to batch.online-gap-seconds, 300 s)
        JsonNode seeded = rideops.runOk(
                        "generate",
                        "--mode",
                        "seed",
                        "--history",
                        "2d",
                        "--volume",
                        "tiny",
                        "--seed",
                        "7",
                        "--ping-interval",
                        "60",
                        "--json")
                .json();
        assertThat(seeded.get("errors").asLong()).isZero();
    }

    @AfterAll
    void stop() {
        if (sourceHome != null) {
            sourceHome.run("down", "--purge");
        }
    }

    @Test
    @Order(1)
    void theBatchWritesEveryFinishedDayAndVerifyAgrees() throws Exception {
        JsonNode run = rideops.runOk(
                        "batch",
                        "cohort",
                        "--from",
                        today.minusDays(2).toString(),
                        "--to",
                        today.minusDays(1).toString(),
                        "--json")
                .json();
        assertThat(run.get("succeeded").asBoolean()).as(run.toString()).isTrue();
        assertThat(run.get("days")).hasSize(2);
        assertThat(run.get("rows_written").get("mart.rider_cohort_retention").asLong())
                .isPositive();
        assertThat(run.get("rows_written").get("mart.driver_daily_productivity").asLong())
                .isPositive();

        JsonNode status = rideops.runOk("batch", "status", "--json").json();
        assertThat(status.get("done").asLong()).isEqualTo(2);
        assertThat(status.get("failed").asLong()).isZero();
        for (JsonNode day : status.get("days")) {
            assertThat(day.get("flink_job_id").asText())
                    .as("the job wrote its own batch_run rows, as the mart writer")
                    .isEqualTo(run.get("flink_job_id").asText());
        }
        try (Connection c = rideops.reader(rideops.reportingPort(), "reporting_db");
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM mart.batch_run"))
                    .as("the CLI and the dashboard read batch_run as the reader, which may not write it")
                    .hasMessageContaining("permission denied");
        }

        JsonNode verify = rideops.runOk("verify", "--cohorts", "--json").json();
        assertThat(verify.get("passed").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.get("checks")).hasSize(TABLES.size());
    }

    /**
     * In {@code -Plong} (a batch job and a verify more, about 12 s). In the default run, a rerun leaving every table
     * and day as it was is the job module's {@code CohortBatchIT.rerunningTheDaysChangesNothing} (the same batch job,
     * on a MiniCluster against a real PostgreSQL), and {@code --date} gives a one-day range that the refusals below
     * parse; what only this covers is the rerun through the session cluster.
     */
    @Test
    @Order(2)
    @Tag("long")
    void rerunningADayChangesNothing() throws Exception {
        List<String> before = mart();
        rideops.runOk("batch", "cohort", "--date", today.minusDays(1).toString());
        assertThat(mart()).isEqualTo(before);
        assertThat(rideops.runOk(
                                "verify",
                                "--cohorts",
                                "--date",
                                today.minusDays(1).toString(),
                                "--json")
                        .json()
                        .get("passed")
                        .asBoolean())
                .isTrue();
    }

    @Test
    @Order(3)
    void aDayThatHasNotEndedIsRefusedInOneLine() {
        Rideops.Result r =
                rideops.run("batch", "cohort", "--date", today.plusDays(1).toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("is in the future");
    }

    @Test
    @Order(4)
    void aSourceDatabaseThatIsDownIsOneLine() {
        sourceHome.runOk("stop", "source-db", "--force");
        Rideops.Result r =
                rideops.run("batch", "cohort", "--date", today.minusDays(1).toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("source database");
    }

    /** Every row of the batch's tables, and each day's state and rows written. */
    private List<String> mart() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = rideops.reader(rideops.reportingPort(), "reporting_db");
                Statement s = c.createStatement()) {
            for (String table : TABLES) {
                rows.add(table);
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.append(rs.getString(i)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
            }
            try (ResultSet rs =
                    s.executeQuery("SELECT day, state, rows_written::text FROM mart.batch_run ORDER BY day")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
                }
            }
        }
        return rows;
    }
}
