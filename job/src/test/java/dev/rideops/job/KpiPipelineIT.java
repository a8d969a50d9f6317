package dev.rideops.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.contract.CdcContract;
import dev.rideops.contract.JobContract;
import dev.rideops.job.sinks.JdbcTarget;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job, at parallelism 2, on a MiniCluster against a real Kafka broker and a real reporting PostgreSQL: recorded Debezium
 * events with an out-of-order pair, duplicates, a malformed record and a full replay produce exactly the mart rows
 * their definitions give; then a refund, a rating edit and deletes of two bookings and a driver move them to what
 * the definitions give over the changed source. Meanwhile the job deletes the MINUTE rows older than
 * {@code --mart.retention.minute-days} before its watermark's day, as the mart writer, and keeps the rest.
 */
class KpiPipelineIT {

    /**
     * The job runs at parallelism 2 on two TaskManagers of one slot each, as on a stack with flink.taskmanagers=2:
     * each CDC topic's three partitions are split between two source readers, keyed exchanges cross TaskManagers,
     * and a KPI's minutes are aggregated by both subtasks while one sink subtask writes its latest value.
     */
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(1)
            .build());

    private static RealServices services;
    /** The job logs in as the mart writer, its password read from this file on the TaskManager, never an argument. */
    private static java.nio.file.Path martPasswordFile;

    @BeforeAll
    static void start() throws Exception {
        services = new RealServices();
        for (String migration :
                new String[] {"V1__mart.sql", "V2__cell_supply_demand.sql", "V6__dashboard_history.sql"}) {
            try (Connection c = reporting().connect();
                    Statement s = c.createStatement();
                    InputStream sql = KpiPipelineIT.class.getResourceAsStream("/db/reporting/" + migration)) {
                s.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        martPasswordFile = services.martWriter();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    /** The mart as the superuser: migrations and the test's checks. */
    private static JdbcTarget reporting() {
        return services.admin();
    }

    /** The recorded events: table, key, Debezium JSON. */
    private static List<String[]> recordedEvents() {
        List<String[]> e = new ArrayList<>();
        e.add(new String[] {"drivers", "7", Events.driver(7, "AVAILABLE", 5)});
        e.add(new String[] {"drivers", "8", Events.driver(8, "AVAILABLE", 1)});
        // b1: requested 10 s, accepted 20, arrived 40, started 50, completed 130 with a fare of 10.
        e.add(new String[] {
            "bookings",
            "1",
            Events.booking("c", 1, 100, null, "REQUESTED", 1.0, null, 10.0, null, null, null, null, null, null, 10)
        });
        e.add(new String[] {
            "bookings",
            "1",
            Events.booking("u", 1, 100, 7L, "ACCEPTED", 1.0, null, 10.0, 20.0, null, null, null, null, null, 20)
        });
        e.add(new String[] {"drivers", "7", Events.driver(7, "BUSY", 20)});
        e.add(new String[] {
            "bookings",
            "1",
            Events.booking("u", 1, 100, 7L, "ARRIVED", 1.0, null, 10.0, 20.0, 40.0, null, null, null, null, 40)
        });
        e.add(new String[] {
            "bookings",
            "1",
            Events.booking("u", 1, 100, 7L, "IN_PROGRESS", 1.0, null, 10.0, 20.0, 40.0, 50.0, null, null, null, 50)
        });
        String completed =
                Events.booking("u", 1, 100, 7L, "COMPLETED", 1.0, 10.0, 10.0, 20.0, 40.0, 50.0, 130.0, null, null, 130);
        e.add(new String[] {"bookings", "1", completed});
        e.add(new String[] {"bookings", "1", completed});
        e.add(new String[] {"drivers", "7", Events.driver(7, "AVAILABLE", 130)});
        e.add(new String[] {"drivers", "7", Events.driver(7, "BUSY", 20)});
        e.add(new String[] {"payments", "1", Events.payment(1, 1, 10, "PAID", 130)});
        e.add(new String[] {"ratings", "1", Events.rating(1, null, 5, 131)});
        // b2: requested 15 s, cancelled by the rider at 70.
        e.add(new String[] {
            "bookings",
            "2",
            Events.booking("c", 2, 101, null, "REQUESTED", 1.5, null, 15.0, null, null, null, null, null, null, 15)
        });
        e.add(new String[] {
            "bookings",
            "2",
            Events.booking("u", 2, 101, null, "CANCELLED", 1.5, null, 15.0, null, null, null, null, 70.0, "RIDER", 70)
        });
        // b4: its update overtakes its insert.
        e.add(new String[] {
            "bookings",
            "4",
            Events.booking("u", 4, 103, 8L, "ACCEPTED", 1.0, null, 30.0, 35.0, null, null, null, null, null, 35)
        });
        e.add(new String[] {
            "bookings",
            "4",
            Events.booking("c", 4, 103, null, "REQUESTED", 1.0, null, 30.0, null, null, null, null, null, null, 30)
        });
        // b3: requested in the second minute, still in progress at the end.
        e.add(new String[] {
            "bookings",
            "3",
            Events.booking("c", 3, 102, null, "REQUESTED", 1.0, null, 65.0, null, null, null, null, null, null, 65)
        });
        e.add(new String[] {
            "bookings",
            "3",
            Events.booking("u", 3, 102, 8L, "IN_PROGRESS", 1.0, null, 65.0, 80.0, 90.0, 95.0, null, null, null, 95)
        });
        e.add(new String[] {"driver_location_events", "1", Events.location(1, 7, 30, 11, "HCM-06-06", "AVAILABLE")});
        e.add(new String[] {"driver_location_events", "2", Events.location(2, 7, 20, 21, "HCM-06-06", "BUSY")});
        e.add(new String[] {"driver_location_events", "2", Events.location(2, 7, 20, 21, "HCM-06-06", "BUSY")});
        e.add(new String[] {"driver_location_events", "3", Events.location(3, 7, 10, 31, "HCM-06-06", "BUSY")});
        e.add(new String[] {"driver_location_events", "4", Events.location(4, 8, 40, 61, "HCM-06-07", "AVAILABLE")});
        e.add(new String[] {"driver_location_events", "5", Events.location(5, 8, 50, 62, "HCM-06-07", "AVAILABLE")});
        // A ping from before pings named their cell: in the city-wide metrics only.
        e.add(new String[] {"driver_location_events", "6", Events.location(6, 7, 5, 25)});
        e.add(new String[] {"bookings", "9", "{this is not json"});
        return e;
    }

    /** The minute retention the job runs with: the fewest days it allows (2 days of bucket state, the default). */
    private static final int MINUTE_DAYS = 3;
    /** The start of the oldest minute kept at a watermark on START's day: START's day, 3 days back. */
    private static final java.time.Instant OLDEST_KEPT = java.time.Instant.parse("2026-02-27T00:00:00Z");

    @Test
    void martEqualsTheDefinitionsUnderOutOfOrderDuplicatesAndAReplay() throws Exception {
        writeRowsAroundTheMinuteRetention();
        try (KafkaProducer<String, String> producer = producer()) {
            for (String[] e : recordedEvents()) {
                producer.send(new ProducerRecord<>("rideops.public." + e[0], e[1], e[2]))
                        .get();
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        // Any failure must fail the test, not hide behind a restart.
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(noRestarts);
        env.enableCheckpointing(1000, CheckpointingMode.EXACTLY_ONCE);
        JobSettings settings = JobSettings.from(new String[] {
            "--kafka.bootstrap-servers",
            services.bootstrap(),
            "--offsets",
            "earliest",
            "--reporting.url",
            services.reportingUrl(),
            "--reporting.user",
            RealServices.MART_WRITER,
            "--reporting.password-file",
            martPasswordFile.toString(),
            "--search.url",
            services.searchUrl(),
            "--search.user",
            RealServices.SEARCH_WRITER,
            "--search.password-file",
            services.searchWriterPasswordFile().toString(),
            "--emit-every-ms",
            "100",
            "--mart.retention.minute-days",
            Integer.toString(MINUTE_DAYS)
        });
        RideopsJob.pipeline(settings).build(env);
        JobClient job = env.executeAsync("rideops-job-it");
        try {
            awaitMart(
                    job,
                    Map.of("MINUTE|0|rides_requested", 3.0, "MINUTE|2|gmv", 10.0, "MINUTE|1|match_rate", 1.0),
                    // every snapshot value asserted below that an emit can write after the others
                    Map.of("open_bookings", 2.0, "drivers_available", 2.0, "drivers_busy", 0.0));
            untilItHolds(KpiPipelineIT::assertExpectedMart);
            awaitSearch();
            assertExpectedSearch();

            // A replay of the whole log, as after a connector restart: nothing may change.
            try (KafkaProducer<String, String> producer = producer()) {
                for (String[] e : recordedEvents()) {
                    producer.send(new ProducerRecord<>("rideops.public." + e[0], e[1], e[2]))
                            .get();
                }
            }
            awaitJobCaughtUp(job);
            assertExpectedMart();
            assertExpectedSearch();
            // The dead-letter topic is at-least-once: the malformed record, once per delivery, with its reason.
            assertThat(deadLetters())
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(d -> assertThat(d)
                            .contains("\"reason\":\"not JSON")
                            .contains("\"payload\":\"{this is not json\""));
            assertThat(job.getJobStatus().get()).as("the job keeps running").isEqualTo(JobStatus.RUNNING);

            // Rows change and go after they were counted (REPLICA IDENTITY FULL: deletes carry the whole row).
            try (KafkaProducer<String, String> producer = producer()) {
                for (String[] e : corrections()) {
                    producer.send(new ProducerRecord<>("rideops.public." + e[0], e[1], e[2]))
                            .get();
                }
            }
            awaitMart(
                    job,
                    Map.of("MINUTE|0|rides_requested", 2.0, "MINUTE|2|avg_driver_rating", 2.0),
                    Map.of("open_bookings", 2.0, "drivers_available", 1.0));
            awaitJobCaughtUp(job);
            assertCorrectedMart();
            // by now the watermark has passed START (the empty partitions went idle long ago)
            awaitExpiredMinutesDeleted();
        } finally {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get();
            }
            job.cancel().get();
        }
    }

    /**
     * Rows of a metric and a cell the events never touch, as an older run left them: in each MINUTE table one row of
     * the last minute before the oldest kept one, and one of the oldest kept minute; and an HOUR row older still.
     */
    private static void writeRowsAroundTheMinuteRetention() throws Exception {
        String expired = "'" + OLDEST_KEPT.minusSeconds(60) + "'";
        String kept = "'" + OLDEST_KEPT + "'";
        String hour = "'" + OLDEST_KEPT.minus(Duration.ofDays(10)) + "'";
        try (Connection c = reporting().connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO mart.fact_metric_bucket VALUES (" + expired + ", 'MINUTE', 'retention_probe', 1), ("
                    + kept + ", 'MINUTE', 'retention_probe', 2), (" + hour + ", 'HOUR', 'retention_probe', 3)");
            s.execute("INSERT INTO mart.cell_supply_demand (bucket_start, cell, requests, drivers_present) VALUES ("
                    + expired + ", 'PROBE', 1, 1), (" + kept + ", 'PROBE', 2, 2)");
            s.execute("INSERT INTO mart.snapshot_metric_minute (bucket_start, metric_name, metric_value, last_updated) "
                    + "VALUES (" + expired + ", 'retention_probe', 1, " + expired + "), (" + kept
                    + ", 'retention_probe', 2, " + kept + ")");
        }
    }

    /** The probe's MINUTE rows in each MINUTE table. */
    private static final Map<String, String> PROBE_MINUTES = Map.of(
            "mart.fact_metric_bucket", "metric_name = 'retention_probe' AND bucket_granularity = 'MINUTE'",
            "mart.cell_supply_demand", "cell = 'PROBE'",
            "mart.snapshot_metric_minute", "metric_name = 'retention_probe'");

    /** The job's first watermark deletes the expired minutes; the kept minute and the HOUR row stay. */
    private static void awaitExpiredMinutesDeleted() throws Exception {
        String expired = " AND bucket_start < '" + OLDEST_KEPT + "'";
        long deadline = System.currentTimeMillis() + 90_000;
        List<String> left = new ArrayList<>();
        do {
            left.clear();
            for (Map.Entry<String, String> probe : PROBE_MINUTES.entrySet()) {
                if (count(probe.getKey(), probe.getValue() + expired) > 0) {
                    left.add(probe.getKey());
                }
            }
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(500);
        } while (System.currentTimeMillis() < deadline);
        assertThat(left)
                .as("tables still holding minutes before " + OLDEST_KEPT)
                .isEmpty();
        for (Map.Entry<String, String> probe : PROBE_MINUTES.entrySet()) {
            assertThat(count(probe.getKey(), probe.getValue() + " AND bucket_start = '" + OLDEST_KEPT + "'"))
                    .as("the oldest kept minute of " + probe.getKey())
                    .isEqualTo(1);
        }
        assertThat(count("mart.fact_metric_bucket", "metric_name = 'retention_probe' AND bucket_granularity = 'HOUR'"))
                .as("HOUR rows stay")
                .isEqualTo(1);
    }

    private static long count(String table, String where) throws Exception {
        try (Connection c = reporting().connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Payment 1 refunded and rating 1 edited; booking 2 (cancelled) and booking 3 (in progress) deleted, and driver 8
     * (available, never named by a booking's row that stays) deleted; a tombstone follows each delete. Then the reads
     * of a bootstrap snapshot.
     */
    private static List<String[]> corrections() {
        List<String[]> e = new ArrayList<>();
        e.add(new String[] {"payments", "1", Events.withOp(Events.payment(1, 1, 10, "REFUNDED", 130), "u")});
        e.add(new String[] {"ratings", "1", Events.withOp(Events.rating(1, 4, 2, 131), "u")});
        e.add(new String[] {
            "bookings",
            "2",
            Events.deleted(
                    Events.booking(
                            "u", 2, 101, null, "CANCELLED", 1.5, null, 15.0, null, null, null, null, 70.0, "RIDER", 70),
                    140)
        });
        e.add(new String[] {"bookings", "2", null});
        e.add(new String[] {
            "bookings",
            "3",
            Events.deleted(
                    Events.booking(
                            "u", 3, 102, 8L, "IN_PROGRESS", 1.0, null, 65.0, 80.0, 90.0, 95.0, null, null, null, 95),
                    141)
        });
        e.add(new String[] {"bookings", "3", null});
        e.add(new String[] {"drivers", "8", Events.deleteOf("{\"driver_id\":8,\"status\":null}", 142)});
        e.add(new String[] {"drivers", "8", null});
        // A bootstrap snapshot (deploy --offsets latest): driver 7 as it is (already counted), and booking 5, open and
        // never seen: it counts in open_bookings, but its request is history and stays out of the buckets.
        e.add(new String[] {"drivers", "7", Events.snapshotRead(Events.driver(7, "AVAILABLE", 130), "incremental")});
        e.add(new String[] {
            "bookings",
            "5",
            Events.snapshotRead(
                    Events.booking(
                            "c", 5, 104, null, "REQUESTED", 1.0, null, 100.0, null, null, null, null, null, null, 100),
                    "incremental")
        });
        return e;
    }

    private static void assertCorrectedMart() throws Exception {
        assertThat(facts())
                .containsEntry("MINUTE|0|rides_requested", 2.0)
                .containsEntry("HOUR|0|rides_requested", 2.0)
                .containsEntry("MINUTE|0|active_riders", 2.0)
                .containsEntry("MINUTE|0|match_rate", 1.0)
                .containsEntry("MINUTE|2|payments", 1.0)
                .containsEntry("MINUTE|2|avg_driver_rating", 2.0)
                .containsEntry("MINUTE|2|avg_rider_rating", 4.0)
                .containsEntry("MINUTE|2|gmv", 10.0)
                .doesNotContainKey("MINUTE|2|payments_collected")
                .doesNotContainKey("MINUTE|1|rides_requested")
                .doesNotContainKey("MINUTE|1|rides_accepted")
                .doesNotContainKey("MINUTE|1|rides_cancelled")
                .doesNotContainKey("MINUTE|1|match_rate")
                .doesNotContainKey("MINUTE|1|cancel_rate");
        assertThat(snapshots())
                .as("booking 4, and booking 5 from the bootstrap read")
                .containsEntry("open_bookings", 2.0)
                .containsEntry("drivers_available", 1.0)
                .containsEntry("drivers_busy", 0.0);
        assertThat(cells())
                .containsOnly(Map.entry("0|HCM-06-06", "2|1|1|1.0|0"), Map.entry("1|HCM-06-07", "0|1|1|null|0"));
    }

    private static void assertExpectedMart() throws Exception {
        Map<String, Double> facts = facts();
        assertThat(facts)
                .containsEntry("MINUTE|0|rides_requested", 3.0)
                .containsEntry("MINUTE|1|rides_requested", 1.0)
                .containsEntry("MINUTE|0|rides_accepted", 2.0)
                .containsEntry("MINUTE|1|rides_accepted", 1.0)
                .containsEntry("MINUTE|0|avg_accept_time_sec", 7.5)
                .containsEntry("MINUTE|1|avg_accept_time_sec", 15.0)
                .containsEntry("MINUTE|0|match_rate", 2.0 / 3)
                .containsEntry("MINUTE|0|cancel_rate", 0.0)
                .containsEntry("MINUTE|1|cancel_rate", 1.0)
                .containsEntry("MINUTE|1|rides_cancelled", 1.0)
                .containsEntry("MINUTE|1|rides_cancelled_by_rider", 1.0)
                .containsEntry("MINUTE|2|rides_completed", 1.0)
                .containsEntry("MINUTE|2|gmv", 10.0)
                .containsEntry("MINUTE|2|avg_trip_duration_sec", 80.0)
                .containsEntry("MINUTE|0|driver_location_updates", 4.0)
                .containsEntry("MINUTE|1|driver_location_updates", 2.0)
                .containsEntry("MINUTE|0|active_drivers", 1.0)
                .containsEntry("MINUTE|1|active_drivers", 1.0)
                .containsEntry("MINUTE|2|payments_collected", 10.0)
                .containsEntry("MINUTE|2|avg_driver_rating", 5.0)
                .containsEntry("HOUR|0|rides_requested", 4.0)
                .containsEntry("HOUR|0|rides_completed", 1.0)
                .doesNotContainKey("MINUTE|1|rides_cancelled_by_driver");
        assertThat(snapshots())
                .containsEntry("open_bookings", 2.0)
                .containsEntry("drivers_available", 2.0)
                .containsEntry("drivers_busy", 0.0)
                // each KPI's latest value is its newest minute's, whichever bucket the job updated last
                .containsEntry("rides_requested", 1.0)
                .containsEntry("gmv", 10.0)
                .containsEntry("rides_accepted", 1.0)
                .containsEntry("driver_location_updates", 2.0);
        assertThat(cells())
                .containsOnly(
                        Map.entry("0|HCM-06-06", "3|1|1|" + (1.0 + 1.5 + 1.0) / 3 + "|0"),
                        Map.entry("1|HCM-06-06", "1|0|0|1.0|0"),
                        Map.entry("1|HCM-06-07", "0|1|1|null|0"));
    }

    /** Heatmap rows as minute|cell to requests|present|available|surge|late. */
    private static Map<String, String> cells() throws Exception {
        Map<String, String> rows = new HashMap<>();
        try (Connection c = reporting().connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT (extract(epoch FROM bucket_start) - " + Events.START.getEpochSecond()
                                + ")::bigint / 60, cell, requests, drivers_present, drivers_available, avg_surge, late_pings "
                                + "FROM mart.cell_supply_demand WHERE cell <> 'PROBE'")) {
            while (rs.next()) {
                rows.put(
                        rs.getLong(1) + "|" + rs.getString(2),
                        rs.getLong(3) + "|" + rs.getLong(4) + "|" + rs.getLong(5) + "|" + rs.getObject(6) + "|"
                                + rs.getLong(7));
            }
        }
        return rows;
    }

    /** Driver 7's newest ping is at 31 s: the ping at 25 s that arrives after it must not win. */
    private static void assertExpectedSearch() throws Exception {
        search("/_refresh");
        JsonNode seven = search("/driver_locations/_doc/7");
        assertThat(seven.at("/_source/updated_at").asText()).isEqualTo(Events.t(31));
        // The status the ping itself carries: the driver was on the trip when it was recorded.
        assertThat(seven.at("/_source/status").asText()).isEqualTo("BUSY");
        assertThat(seven.at("/_source/location/lat").asDouble()).isEqualTo(10.77);
        assertThat(search("/driver_locations/_doc/8").at("/_source/updated_at").asText())
                .isEqualTo(Events.t(62));
        assertThat(search("/driver_locations/_count").get("count").asLong()).isEqualTo(2);
        assertThat(search("/driver_locations_timeseries-*/_count").get("count").asLong())
                .isEqualTo(6);
        assertThat(search("/driver_locations_timeseries-"
                                + Events.START.toString().substring(0, 10).replace('-', '.') + "/_doc/2")
                        .get("found")
                        .asBoolean())
                .isTrue();
    }

    private static void awaitSearch() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                search("/_refresh");
                if (search("/driver_locations_timeseries-*/_count")
                                        .path("count")
                                        .asLong()
                                >= 6
                        && search("/driver_locations/_count").path("count").asLong() >= 2) {
                    return;
                }
            } catch (IOException notYet) {
                // indexes not created yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("search index never got the 6 pings");
    }

    private static JsonNode search(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(services.searchUrl() + path))
                                .header("Authorization", services.searchReaderAuthorization())
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && response.statusCode() != 404) {
            throw new IOException(path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return new ObjectMapper().readTree(response.body());
    }

    /**
     * Until the job has read every CDC record and two checkpoints have completed since. The job commits its offsets
     * when a checkpoint completes, and its sinks flush in that checkpoint: once the committed offsets reach the topics'
     * ends, everything was processed and written; the second checkpoint covers what operators emit on their timers
     * after the first. Polled rather than a fixed sleep, which a slow machine could outlast, checking a mart the
     * records had not reached yet.
     */
    private static void awaitJobCaughtUp(JobClient job) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", services.bootstrap());
        try (Admin admin = Admin.create(props)) {
            long deadline = System.currentTimeMillis() + 90_000;
            Map<TopicPartition, Long> behind;
            do {
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    job.getJobExecutionResult().get();
                }
                behind = uncommitted(admin);
                if (behind.isEmpty()) {
                    // the checkpoint interval is 1 s: two more have completed
                    Thread.sleep(2_500);
                    return;
                }
                Thread.sleep(200);
            } while (System.currentTimeMillis() < deadline);
            throw new AssertionError("the job did not commit the CDC topics' ends: " + behind);
        }
    }

    /** The CDC partitions whose end offset the job's group has not committed, with that end. */
    private static Map<TopicPartition, Long> uncommitted(Admin admin) throws Exception {
        List<String> topics = admin.listTopics().names().get().stream()
                .filter(t -> t.matches(CdcContract.TOPIC_PATTERN))
                .toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics)
                .allTopicNames()
                .get()
                .values()
                .forEach(t -> t.partitions()
                        .forEach(p -> latest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(JobContract.GROUP_ID)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, Long> behind = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, end) -> {
            OffsetAndMetadata at = committed.get(partition);
            if (end.offset() > 0 && (at == null || at.offset() < end.offset())) {
                behind.put(partition, end.offset());
            }
        });
        return behind;
    }

    interface Check {
        void run() throws Exception;
    }

    /**
     * The job emits its snapshot every 100 ms, a metric at a time: what was awaited can be written before another
     * value of the same state. The check is repeated until it holds, or fails with its last error after 30 s.
     */
    private static void untilItHolds(Check check) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private static void awaitMart(JobClient job, Map<String, Double> facts, Map<String, Double> snapshots)
            throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get();
            }
            Map<String, Double> f = facts();
            Map<String, Double> s = snapshots();
            if (f.entrySet().containsAll(facts.entrySet()) && s.entrySet().containsAll(snapshots.entrySet())) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "mart did not reach " + facts + " / " + snapshots + "; has " + facts() + " / " + snapshots());
    }

    /** Bucket rows as GRANULARITY|minutes since the start|metric. */
    private static Map<String, Double> facts() throws Exception {
        Map<String, Double> rows = new HashMap<>();
        try (Connection c = reporting().connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT bucket_granularity, (extract(epoch FROM bucket_start) - "
                        + Events.START.getEpochSecond() + ")::bigint / 60, metric_name, metric_value "
                        + "FROM mart.fact_metric_bucket")) {
            while (rs.next()) {
                rows.put(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3), rs.getDouble(4));
            }
        }
        return rows;
    }

    private static Map<String, Double> snapshots() throws Exception {
        Map<String, Double> rows = new HashMap<>();
        try (Connection c = reporting().connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT metric_name, metric_value FROM mart.latest_metric_snapshot")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getDouble(2));
            }
        }
        return rows;
    }

    private static List<String> deadLetters() {
        Properties props = new Properties();
        props.put("bootstrap.servers", services.bootstrap());
        props.put("auto.offset.reset", "earliest");
        props.put("group.id", "dlq-reader");
        List<String> letters = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("rideops.dlq"));
            long deadline = System.currentTimeMillis() + 20_000;
            while (letters.size() < 2 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    letters.add(r.value());
                }
            }
        }
        return letters;
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", services.bootstrap());
        props.put("acks", "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
