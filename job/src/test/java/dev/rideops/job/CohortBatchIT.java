package dev.rideops.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.contract.MartRetention;
import dev.rideops.job.batch.CohortSource;
import dev.rideops.job.cohort.CohortRules;
import dev.rideops.job.credentials.Credential;
import dev.rideops.job.sinks.JdbcTarget;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.CurrentUser;
import dev.rideops.stack.os.FileTrees;
import dev.rideops.stack.os.PortOwners;
import dev.rideops.stack.services.PostgresInstall;
import dev.rideops.stack.services.PostgresService;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cohort batch on a MiniCluster against a real PostgreSQL (source and reporting databases in one server), logged
 * in as rideops makes it (the reader on the source, the mart writer on the mart, passwords from files): a
 * hand-written history with known cohorts gives the known rows, the rows the catalogue's SQL gives, the same rows
 * again when rerun, no rows for a day without activity, and a day it cannot read recorded FAILED by the job.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CohortBatchIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final LocalDate D0 = LocalDate.parse("2026-11-01");
    private static final CohortRules RULES = new CohortRules(3, 30, 300);
    private static final List<String> TABLES = List.of(
            "mart.rider_cohort_retention",
            "mart.driver_cohort_retention",
            "mart.rider_signup_retention",
            "mart.driver_signup_retention",
            "mart.driver_daily_productivity");

    private static Path home;
    private static PostgresInstall install;
    private static PostgresService postgres;
    private static int port;
    private static Path martPasswordFile;
    private static Path readerPasswordFile;

    private static final String MART_WRITER = "rideops_mart";
    private static final String READER = "rideops_reader";

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("rideops-cohort-it");
        RuntimeLayout runtimes = new RuntimeLayout(Path.of(System.getProperty("rideops.dist", ".."))
                .toAbsolutePath()
                .normalize());
        port = freePort();
        install = new PostgresInstall(home, runtimes.lib("postgres"), CurrentUser.isRoot());
        postgres = new PostgresService(
                "reporting-db",
                ServiceDirs.of(home, "reporting-db"),
                install,
                port,
                "reporting_db",
                "user",
                () -> "password",
                OptionalInt.empty(),
                Map.of(),
                Optional.empty(),
                new LogRotation(50L << 20, 2));
        postgres.start();
        postgres.awaitHealthy(Duration.ofSeconds(120));
        try (Connection c = reporting().connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE ride_hailing_db");
            for (String migration : new String[] {"V1__mart.sql", "V5__cohorts.sql"}) {
                try (InputStream sql = CohortBatchIT.class.getResourceAsStream("/db/reporting/" + migration)) {
                    s.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        seed();
        roles();
    }

    /**
     * The batch's roles, as rideops makes them (cli DatabaseRoles): it reads the source as the reader and writes the
     * mart as the mart writer, each password from a 0600 file as a remote TaskManager would (never an argument).
     */
    private static void roles() throws Exception {
        martPasswordFile = secret("mart-writer", "mart-" + System.nanoTime());
        readerPasswordFile = secret("reader", "reader-" + System.nanoTime());
        try (Connection c = reporting().connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + MART_WRITER + " LOGIN PASSWORD '" + Files.readString(martPasswordFile) + "'");
            s.execute("CREATE ROLE " + READER + " LOGIN PASSWORD '" + Files.readString(readerPasswordFile) + "'");
            s.execute("GRANT USAGE ON SCHEMA mart TO " + MART_WRITER + ", " + READER);
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA mart TO " + MART_WRITER);
            s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA mart TO " + READER);
        }
        try (Connection c = source().connect();
                Statement s = c.createStatement()) {
            s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + READER);
        }
    }

    private static Path secret(String name, String password) throws Exception {
        Path file = home.resolve(name);
        Files.writeString(file, password);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.stop(Duration.ofSeconds(30));
        }
        if (install != null) {
            FileTrees.delete(install.root());
        }
        if (home != null) {
            FileTrees.delete(home);
        }
    }

    private static JdbcTarget reporting() {
        return new JdbcTarget("jdbc:postgresql://127.0.0.1:" + port + "/reporting_db", "user", "password");
    }

    private static JdbcTarget source() {
        return new JdbcTarget("jdbc:postgresql://127.0.0.1:" + port + "/ride_hailing_db", "user", "password");
    }

    /** The source as the batch reads it: the reader, its password from a file on the TaskManager. */
    private static JdbcTarget sourceAsReader(Path passwordFile) {
        return new JdbcTarget(
                "jdbc:postgresql://127.0.0.1:" + port + "/ride_hailing_db",
                READER,
                Credential.fromFileOrEnv(passwordFile.toString(), "RIDEOPS_READER_PASSWORD"));
    }

    /** The mart as the batch writes it: the mart writer. */
    private static JdbcTarget reportingAsMart() {
        return new JdbcTarget(
                "jdbc:postgresql://127.0.0.1:" + port + "/reporting_db",
                MART_WRITER,
                Credential.fromFileOrEnv(martPasswordFile.toString(), "RIDEOPS_REPORTING_PASSWORD"));
    }

    private static OffsetDateTime at(int day, int hour, int minute, int second) {
        return D0.plusDays(day).atTime(hour, minute, second).atOffset(ZoneOffset.UTC);
    }

    /**
     * The source tables the batch reads, with only the columns it reads. Riders 1-3 sign up and first book on day
     * 0: rider 1 again on day 1, rider 2 on day 4 (back after a 3-day churn window), rider 3 never again; rider 4
     * signs up on day 0 and first books on day 2. Driver 10 completes trips on days 0 and 1, driver 11 on day 0.
     */
    private static void seed() throws Exception {
        try (Connection c = source().connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE riders (rider_id bigint PRIMARY KEY, created_at timestamptz NOT NULL)");
            s.execute("CREATE TABLE drivers (driver_id bigint PRIMARY KEY, created_at timestamptz NOT NULL)");
            s.execute(
                    "CREATE TABLE bookings (booking_id bigint PRIMARY KEY, rider_id bigint NOT NULL, driver_id"
                            + " bigint, requested_at timestamptz NOT NULL, completed_at timestamptz, fare_amount numeric(10,2))");
            s.execute("CREATE TABLE driver_location_events (event_id bigint PRIMARY KEY, driver_id bigint NOT NULL,"
                    + " recorded_at timestamptz NOT NULL)");
            try (PreparedStatement r = c.prepareStatement("INSERT INTO riders VALUES (?, ?)")) {
                for (int id = 1; id <= 4; id++) {
                    r.setLong(1, id);
                    r.setObject(2, at(0, 6, 0, 0));
                    r.addBatch();
                }
                r.executeBatch();
            }
            try (PreparedStatement d = c.prepareStatement("INSERT INTO drivers VALUES (?, ?)")) {
                for (long id : new long[] {10, 11}) {
                    d.setLong(1, id);
                    d.setObject(2, at(0, 5, 0, 0));
                    d.addBatch();
                }
                d.executeBatch();
            }
            Object[][] bookings = {
                {1L, 1L, 10L, at(0, 8, 0, 0), at(0, 8, 20, 0), "10.00"},
                {2L, 2L, 11L, at(0, 9, 0, 0), at(0, 9, 30, 0), "12.50"},
                {3L, 3L, null, at(0, 23, 59, 59), null, null},
                {4L, 1L, 10L, at(1, 8, 0, 0), at(1, 8, 15, 0), "7.25"},
                {5L, 4L, null, at(2, 12, 0, 0), null, null},
                {6L, 2L, null, at(4, 18, 0, 0), null, null},
            };
            try (PreparedStatement b = c.prepareStatement("INSERT INTO bookings VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Object[] row : bookings) {
                    for (int i = 0; i < row.length; i++) {
                        b.setObject(i + 1, row[i] instanceof String fare ? new BigDecimal(fare) : row[i]);
                    }
                    b.addBatch();
                }
                b.executeBatch();
            }
            // driver 10 on day 1: 08:00, 08:01, 08:02 (two minutes), away 58 minutes, 09:00:00, 09:00:30 (30 s)
            OffsetDateTime[] pings = {at(1, 8, 0, 0), at(1, 8, 1, 0), at(1, 8, 2, 0), at(1, 9, 0, 0), at(1, 9, 0, 30)};
            try (PreparedStatement p = c.prepareStatement("INSERT INTO driver_location_events VALUES (?, 10, ?)")) {
                for (int i = 0; i < pings.length; i++) {
                    p.setLong(1, i + 1);
                    p.setObject(2, pings[i]);
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
    }

    private static void runBatch(LocalDate from, LocalDate to) throws Exception {
        runBatch(from, to, readerPasswordFile);
    }

    private static void runBatch(LocalDate from, LocalDate to, Path readerPassword) throws Exception {
        runBatch(from, to, readerPassword, MartRetention.DEFAULT_COHORT_DAYS);
    }

    private static void runBatch(LocalDate from, LocalDate to, Path readerPassword, int retentionDays)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        new CohortBatch(
                        CohortBatch.days(from, to),
                        new CohortSource(sourceAsReader(readerPassword)),
                        RULES,
                        reportingAsMart(),
                        retentionDays)
                .build(env);
        // the batch's own two retries, at once: a day of this test that fails fails on each (the 5 s between them
        // are for a cluster's passing trouble, and were 10 s of this class's 30)
        Configuration retries = new Configuration();
        retries.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ZERO);
        env.configure(retries);
        env.execute("cohort-batch-it");
    }

    @Test
    @Order(1)
    void aKnownHistoryGivesItsKnownCohorts() throws Exception {
        runBatch(D0, D0.plusDays(5));
        assertThat(rows("SELECT cohort_date, day_offset, cohort_size, retained, churned, returned FROM "
                        + "mart.rider_cohort_retention WHERE cohort_date = '2026-11-01' ORDER BY day_offset"))
                .containsExactly(
                        "2026-11-01|0|3|3|0|0",
                        "2026-11-01|1|3|1|0|0",
                        "2026-11-01|2|3|0|0|0",
                        "2026-11-01|3|3|0|2|0",
                        "2026-11-01|4|3|1|2|1",
                        "2026-11-01|5|3|0|2|0");
        assertThat(rows("SELECT cohort_date, day_offset, cohort_size, retained FROM mart.rider_cohort_retention"
                        + " WHERE cohort_date = '2026-11-03' ORDER BY day_offset"))
                .containsExactly("2026-11-03|0|1|1", "2026-11-03|1|1|0", "2026-11-03|2|1|0", "2026-11-03|3|1|0");
        assertThat(rows("SELECT day_offset, cohort_size, retained FROM mart.rider_signup_retention"
                        + " WHERE cohort_date = '2026-11-01' AND day_offset <= 2 ORDER BY day_offset"))
                .as("rider 4 signed up on day 0 and is active first on day 2")
                .containsExactly("0|4|3", "1|4|1", "2|4|1");
        assertThat(rows("SELECT day_offset, cohort_size, retained FROM mart.driver_cohort_retention"
                        + " WHERE cohort_date = '2026-11-01' AND day_offset <= 1 ORDER BY day_offset"))
                .containsExactly("0|2|2", "1|2|1");
        assertThat(rows("SELECT driver_id, trips, round(online_hours::numeric, 6), earnings,"
                        + " round(trips_per_online_hour::numeric, 6) FROM mart.driver_daily_productivity"
                        + " WHERE day = '2026-11-02'"))
                .as("150 s online, one trip: 24 trips per online hour")
                .containsExactly("10|1|0.041667000|7.250000000|24.000000000");
        assertThat(rows("SELECT count(*) FROM mart.batch_run WHERE batch = 'cohort' AND state = 'DONE'"))
                .containsExactly("6");
        assertThat(
                        rows(
                                "SELECT count(DISTINCT flink_job_id) FROM mart.batch_run WHERE flink_job_id ~ '^[0-9a-f]{32}$'"))
                .as("the job wrote its own rows, each with its Flink job's id")
                .containsExactly("1");
    }

    @Test
    @Order(2)
    void theCatalogueSqlGivesTheSameRowsForEveryDay() throws Exception {
        JsonNode definitions;
        try (InputStream in = CohortBatchIT.class.getResourceAsStream("/kpi/definitions.json")) {
            definitions = new ObjectMapper().readTree(in);
        }
        for (int day = 0; day <= 5; day++) {
            LocalDate d = D0.plusDays(day);
            for (JsonNode def : definitions.path("cohort_tables")) {
                String table = def.path("table").asText();
                String owned = table.endsWith("productivity") ? "day = ?" : "cohort_date + day_offset = ?";
                List<String> mart;
                try (Connection c = reporting().connect();
                        PreparedStatement s =
                                c.prepareStatement("SELECT * FROM " + table + " WHERE " + owned + " ORDER BY 1, 2")) {
                    s.setObject(1, d);
                    mart = rows(s);
                }
                List<String> oracle;
                try (Connection c = source().connect()) {
                    oracle = oracle(c, def.path("sql").asText(), d);
                }
                assertThat(mart).as(table + " on " + d).isEqualTo(oracle);
            }
        }
    }

    @Test
    @Order(3)
    void rerunningTheDaysChangesNothing() throws Exception {
        List<String> before = everything();
        runBatch(D0, D0.plusDays(5));
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aDayWithoutActivityGivesEmptyCohortsNotAnError() throws Exception {
        LocalDate quiet = D0.plusDays(60);
        runBatch(quiet, quiet);
        for (String table : TABLES) {
            String owned = table.endsWith("productivity") ? "day" : "cohort_date + day_offset";
            assertThat(rows("SELECT count(*) FROM " + table + " WHERE " + owned + " = '" + quiet + "'"))
                    .containsExactly("0");
        }
        assertThat(rows("SELECT state, rows_written->>'mart.rider_cohort_retention' FROM mart.batch_run"
                        + " WHERE day = '" + quiet + "'"))
                .containsExactly("DONE|0");
    }

    @Test
    @Order(5)
    void aDayTheJobCannotReadIsRecordedFailedByTheJobItself() throws Exception {
        LocalDate day = D0.plusDays(61);
        Path wrong = secret("wrong-reader", "not-the-password");

        assertThatThrownBy(() -> runBatch(day, day, wrong)).isInstanceOf(Exception.class);

        assertThat(rows("SELECT state, error ~ 'password authentication failed' FROM mart.batch_run WHERE day = '" + day
                        + "'"))
                .as("the mart writer records the failure; the reader's password never travelled as an argument")
                .containsExactly("FAILED|true");
    }

    @Test
    @Order(6)
    void aRunDeletesWhatIsOlderThanTheRetentionBeforeItsDayAsTheMartWriter() throws Exception {
        LocalDate day = D0.plusDays(100);
        LocalDate oldest = day.minusDays(40);
        assertThat(rows("SELECT count(*) FROM mart.rider_cohort_retention WHERE cohort_date < '" + oldest + "'"))
                .as("days 0 to 5 left their cohorts")
                .doesNotContain("0");

        runBatch(day, day, readerPasswordFile, 40);

        for (String table : TABLES) {
            String column = table.endsWith("productivity") ? "day" : "cohort_date";
            assertThat(rows("SELECT count(*) FROM " + table + " WHERE " + column + " < '" + oldest + "'"))
                    .as(table + " before " + oldest)
                    .containsExactly("0");
        }
        assertThat(rows("SELECT day, state FROM mart.batch_run ORDER BY day"))
                .as("the runs of days 60 and 61 are within 40 days of day 100 and stay")
                .containsExactly(D0.plusDays(60) + "|DONE", D0.plusDays(61) + "|FAILED", day + "|DONE");
    }

    private static List<String> everything() throws Exception {
        List<String> all = new ArrayList<>();
        for (String table : TABLES) {
            all.add(table);
            all.addAll(rows("SELECT * FROM " + table + " ORDER BY 1, 2"));
        }
        all.addAll(rows("SELECT day, state, rows_written::text FROM mart.batch_run ORDER BY day"));
        return all;
    }

    private static final Pattern PARAM = Pattern.compile(":(day|churn_days|max_day_offset|online_gap_seconds)\\b");

    /** The catalogue's SQL for one day, its parameters bound to this run's rules. */
    private static List<String> oracle(Connection c, String sql, LocalDate day) throws Exception {
        Matcher m = PARAM.matcher(sql);
        StringBuilder bound = new StringBuilder();
        List<Object> params = new ArrayList<>();
        while (m.find()) {
            switch (m.group(1)) {
                case "day" -> params.add(day);
                case "churn_days" -> params.add(RULES.churnDays());
                case "max_day_offset" -> params.add(RULES.maxDayOffset());
                default -> params.add(RULES.onlineGapSeconds());
            }
            m.appendReplacement(bound, m.group(1).equals("day") ? "CAST(? AS date)" : "CAST(? AS integer)");
        }
        m.appendTail(bound);
        try (PreparedStatement s = c.prepareStatement(bound.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            return rows(s);
        }
    }

    private static List<String> rows(String sql) throws Exception {
        try (Connection c = reporting().connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            return rows(s);
        }
    }

    /** Rows as text; decimals and doubles to 9 places (the mart stores doubles where the SQL gives numerics). */
    private static List<String> rows(PreparedStatement s) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof Double || v instanceof BigDecimal) {
                        cells.add(String.format(java.util.Locale.ROOT, "%.9f", ((Number) v).doubleValue()));
                    } else {
                        cells.add(String.valueOf(v));
                    }
                }
                rows.add(String.join("|", cells));
            }
        }
        return rows;
    }

    private static int freePort() {
        PortOwners ports = PortOwners.system();
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            int p = 24000 + random.nextInt(2000);
            if (ports.isFree(p)) {
                return p;
            }
        }
        throw new IllegalStateException("no free port");
    }
}
