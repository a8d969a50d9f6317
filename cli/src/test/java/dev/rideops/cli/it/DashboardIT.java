package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.dashboard.data.Selection;
import dev.rideops.dashboard.data.SqlMacros;
import dev.rideops.dashboard.panels.Page;
import dev.rideops.dashboard.panels.Panel;
import dev.rideops.dashboard.panels.Panels;
import dev.rideops.stack.os.Executables;
import dev.rideops.stack.services.PrometheusService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard against a real pipeline ({@code up --volume tiny}, the run's shared stack): every BI view and every
 * panel's SQL (the same text the Grafana export holds) returns the mart's rows, the service is in {@code status}
 * and {@code logs}, every page and JSON endpoint answers, and a tile equals the SQL over the mart. ({@code down}
 * stopping it is StackIT's downStopsEveryProcess.) The stack is shared ({@link SharedTinyStack}), which starts the
 * generator again after this class stops it. The tests without an order run first, on the moving city; then the
 * browser's, which watches a new minute arrive and then stops the generator, and last the verify test, on the city
 * that stands still since (it stopped and started the generator for itself once: about 10 s more).
 */
@ExtendWith(SharedTinyStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Rideops rideops;

    @BeforeAll
    static void up() throws Exception {
        rideops = SharedTinyStack.get().rideops();
        Rideops.Result up = SharedTinyStack.get().up();
        assertThat(up.err()).contains("dashboard  http://127.0.0.1:" + rideops.dashboardPort());
        assertThat(up.out()).contains("http://127.0.0.1:" + rideops.dashboardPort() + "/");
        // A few minutes of buckets, so the ranges hold more than one.
        awaitAtLeast(
                "SELECT count(DISTINCT bucket_start) FROM mart.fact_metric_bucket WHERE bucket_granularity = "
                        + "'MINUTE'",
                3);
        awaitAtLeast("SELECT count(*) FROM mart.cell_supply_demand", 1);
    }

    @Test
    void everyBiViewReturnsTheMartsRows() throws Exception {
        assertThat(count("SELECT count(*) FROM mart.v_kpi_minute")).isPositive();
        assertThat(count("SELECT count(*) FROM mart.v_kpi_hour")).isPositive();
        assertThat(count("SELECT count(*) FROM mart.v_supply_demand")).isPositive();
        assertThat(count("SELECT count(*) FROM mart.v_driver_status")).isEqualTo(1);
        assertThat(count("SELECT drivers_available + drivers_busy + drivers_offline FROM mart.v_driver_status"))
                .isPositive();
        // The pivot holds the same value as the fact table, for every metric and bucket.
        assertThat(count("SELECT count(*) FROM mart.fact_metric_bucket f JOIN mart.v_kpi_minute v USING (bucket_start)"
                        + " WHERE f.bucket_granularity = 'MINUTE' AND f.metric_name = 'rides_requested'"
                        + " AND v.rides_requested IS DISTINCT FROM f.metric_value"))
                .isZero();
        // The same for HOUR, since both views select one pivot (reporting migration V4).
        assertThat(count("SELECT count(*) FROM mart.fact_metric_bucket f JOIN mart.v_kpi_hour v USING (bucket_start)"
                        + " WHERE f.bucket_granularity = 'HOUR' AND f.metric_name = 'rides_requested'"
                        + " AND v.rides_requested IS DISTINCT FROM f.metric_value"))
                .isZero();
        assertThat(count("SELECT count(*) FROM mart.v_supply_demand WHERE city NOT IN ('HCM', 'HAN', 'DAD')"
                        + " OR cell_row NOT BETWEEN 0 AND 11 OR cell_col NOT BETWEEN 0 AND 11"))
                .isZero();
    }

    @Test
    void everyPanelsSqlRunsOnTheMartAndShowsWhatItHolds() throws Exception {
        Set<String> inMart = new HashSet<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT DISTINCT lower(bucket_granularity), metric_name FROM mart.fact_metric_bucket")) {
            while (rs.next()) {
                // per granularity: a late event in a minute bucket may be in time for its hour (late_events)
                inMart.add(rs.getString(1) + "/" + rs.getString(2));
            }
        }
        Selection lastDay = Selection.parse(Map.of("range", "24h"), Instant.now());
        boolean verified = count("SELECT count(*) FROM mart.verify_run") > 0;
        for (String bucket : List.of("minute", "hour")) {
            Selection selection = new Selection(lastDay.from(), lastDay.to(), bucket, "", null);
            for (Panel p : Panels.all()) {
                if (p.tile() != null) {
                    // a tile's figure is one row: the newest complete bucket, or the range's rate (a young stack
                    // may have no complete hour yet)
                    long tile = rows(p.tile().query(), selection);
                    if (bucket.equals("minute")) {
                        assertThat(tile).as(p.id() + " tile").isEqualTo(1);
                    } else {
                        assertThat(tile).as(p.id() + " tile over hours").isBetween(0L, 1L);
                    }
                }
                if (p.source() != Panel.Source.SQL) {
                    continue;
                }
                long rows = rows(p, selection);
                if (p.query().contains("mart.verify_") && !verified) {
                    assertThat(rows).as(p.id() + " before any verify").isZero();
                    continue;
                }
                boolean kpi = p.query().contains("mart.v_kpi_$bucket");
                String metric =
                        kpi ? p.query().replaceFirst("^SELECT bucket_start AS time, (\\w+) FROM .*$", "$1") : null;
                if (p.page() == Page.COHORTS) {
                    // the cohort batch covers finished days; a fresh stack has none yet: the query must run
                    assertThat(rows).as(p.id()).isNotNegative();
                } else if (kpi && !inMart.contains(bucket + "/" + metric)) {
                    assertThat(rows)
                            .as(p.id() + " (no such metric in the mart yet)")
                            .isZero();
                } else {
                    assertThat(rows).as(p.id() + " over " + bucket + "s").isPositive();
                }
            }
        }
        for (String city : List.of("HCM", "HAN", "DAD")) {
            Selection oneCity = new Selection(lastDay.from(), lastDay.to(), "minute", city, null);
            assertThat(rows(Panels.byId("supply_demand_grid").orElseThrow(), oneCity))
                    .as(city)
                    .isPositive();
        }
        assertThat(inMart)
                .contains("minute/rides_requested", "minute/active_drivers", "minute/driver_location_updates");
    }

    @Test
    void theServiceIsShownLoggedAndServesEveryPageAndEndpoint() throws Exception {
        String log = rideops.runOk("logs", "dashboard").out();
        assertThat(log).contains("dashboard at http://127.0.0.1:").contains("for user rideops");
        // it asks for its login: the stack's health probe sends it (SecretsIT's status on this stack exits 0, every
        // service healthy, and StackIT's lists the dashboard healthy: a status here was about 5 s), a stranger gets 401
        assertThat(log).doesNotContain(rideops.dashboardLogin().password());
        HttpResponse<String> anonymous = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rideops.dashboardPort() + "/overview"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        Rideops.Result url = rideops.runOk("dashboard", "--url");
        assertThat(url.out())
                .contains("user       rideops")
                .doesNotContain(rideops.dashboardLogin().password());

        for (Page page : Page.values()) {
            assertThat(get("/" + page.path()).statusCode()).as(page.path()).isEqualTo(200);
        }
        assertThat(get("/static/echarts.min.js").statusCode()).isEqualTo(200);
        // each panel with the parameters that change its SQL: hour buckets, a city and a driver. Its plain minute SQL
        // runs on the mart in everyPanelsSqlRunsOnTheMartAndShowsWhatItHolds and the API's range=1h below, so a
        // "?range=1h" of every panel here (a third of this loop's requests, about 8 s) judged nothing more.
        for (Panel p : Panels.all()) {
            for (String query : List.of("?range=24h&bucket=hour", "?range=15m&city=HCM&driver=1")) {
                HttpResponse<String> r = get("/api/panels/" + p.id() + query);
                assertThat(r.statusCode()).as(p.id() + query).isEqualTo(200);
                JsonNode answer = JSON.readTree(r.body());
                assertThat(answer.path("panel").asText()).isEqualTo(p.id());
                assertThat(answer.path("empty").isNull()
                                || !answer.path("empty").asText().isBlank())
                        .isTrue();
            }
        }
        JsonNode drivers = JSON.readTree(get("/api/panels/driver_positions").body());
        assertThat(drivers.path("rows")).as(drivers.toString()).isNotEmpty();
        JsonNode unknown =
                JSON.readTree(get("/api/panels/supply_demand_grid?city=XYZ").body());
        assertThat(unknown.path("empty").asText()).contains("unknown city 'XYZ'");
        JsonNode freshness = JSON.readTree(get("/api/freshness").body());
        assertThat(freshness.path("seconds_behind").isNumber())
                .as(freshness.toString())
                .isTrue();
    }

    /**
     * Every PromQL panel (the Infrastructure page, and the same queries in the Grafana export) returns data from the
     * stack's Prometheus: Flink's own metrics, the pipeline exporter's lag in seconds, CPU and RSS per service and
     * dead letters. A quiet pipeline still has values (back-pressure 0, no alert firing is 0). Needs Debian's
     * prometheus, as MonitoringIT: without it the test is skipped (the panels then say there is no Prometheus).
     */
    @Test
    void everyPromqlPanelShowsWhatPrometheusHolds() throws Exception {
        assumeTrue(
                Executables.fromEnvironment()
                        .findAny(PrometheusService.BINARIES)
                        .isPresent(),
                "prometheus is not installed");
        // Prometheus scrapes every 8 s here (15 by default); CPU per service needs the exporter's second sample
        long deadline = System.currentTimeMillis() + 180_000;
        for (Panel p : Panels.all()) {
            if (p.source() != Panel.Source.PROMQL) {
                continue;
            }
            JsonNode answer =
                    JSON.readTree(get("/api/panels/" + p.id() + "?range=15m").body());
            while (answer.path("rows").isEmpty() && System.currentTimeMillis() < deadline) {
                // one HTTP call to the dashboard's API: every second costs nothing, every 5 s overshot by up to 5
                Thread.sleep(1000);
                answer = JSON.readTree(
                        get("/api/panels/" + p.id() + "?range=15m").body());
            }
            assertThat(answer.path("rows"))
                    .as(p.id() + " " + p.query() + ": " + answer)
                    .isNotEmpty();
        }
        // one line per service, named by it
        Set<String> services = new HashSet<>();
        JSON.readTree(get("/api/panels/service_rss?range=15m").body())
                .path("rows")
                .forEach(r -> services.add(r.get(1).asText()));
        assertThat(services).contains("kafka-1", "dashboard", "exporter", "prometheus");
    }

    @Test
    void aTileShowsTheValueTheMartHolds() throws Exception {
        JsonNode requests =
                JSON.readTree(get("/api/panels/rides_requested?range=1h").body());
        assertThat(requests.path("rows")).as(requests.toString()).isNotEmpty();
        JsonNode last = requests.path("rows").get(requests.path("rows").size() - 1);
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("SELECT metric_value FROM mart.fact_metric_bucket"
                        + " WHERE metric_name = 'rides_requested' AND bucket_granularity = 'MINUTE'"
                        + " AND bucket_start = ?::timestamptz")) {
            s.setString(1, last.get(0).asText());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                // The pipeline may have updated the minute since; the newest minute only grows.
                assertThat(rs.getDouble(1)).isGreaterThanOrEqualTo(last.get(1).asDouble());
            }
        }
    }

    /**
     * The Overview once showed a match rate of 200 %: its tile took the newest minute, still filling, where accepts of
     * the minute before outnumber its requests. The tile is now accepted over requested across the range's complete
     * minutes, exactly as SQL over the fact table computes it, and never the newest minute. Checked while the city
     * stands still (in the verify test below): with the pipeline moving on between the two reads, this took about 50
     * s of retries.
     */
    private static void theRateTileIsTheRangesRatioOverItsCompleteMinutes() throws Exception {
        String ratio = "SELECT sum(a) / nullif(sum(r), 0), max(bucket_start) FROM (SELECT bucket_start,"
                + " max(metric_value) FILTER (WHERE metric_name = 'rides_accepted') AS a,"
                + " max(metric_value) FILTER (WHERE metric_name = 'rides_requested') AS r"
                + " FROM mart.fact_metric_bucket WHERE bucket_granularity = 'MINUTE'"
                // the tile's time is the newest minute holding either figure: a quiet minute of the tiny city
                // may hold other metrics only
                + " AND metric_name IN ('rides_accepted', 'rides_requested')"
                + " AND bucket_start >= ?::timestamptz - interval '1 hour' AND bucket_start < ?::timestamptz"
                + " AND bucket_start < (SELECT max(bucket_start) FROM mart.fact_metric_bucket"
                + " WHERE bucket_granularity = 'MINUTE') GROUP BY bucket_start) minutes";
        long deadline = System.currentTimeMillis() + 90_000;
        while (true) {
            Instant to = Instant.now();
            JsonNode tile = JSON.readTree(get("/api/panels/match_rate?range=1h&to=" + to.getEpochSecond())
                            .body())
                    .path("tile");
            assertThat(tile.path("caption").asText()).contains("complete minutes");
            double expected;
            String newestCounted;
            try (Connection c = connect();
                    PreparedStatement s = c.prepareStatement(ratio)) {
                s.setString(1, Instant.ofEpochSecond(to.getEpochSecond()).toString());
                s.setString(2, Instant.ofEpochSecond(to.getEpochSecond()).toString());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    expected = rs.getDouble(1);
                    newestCounted = rs.getTimestamp(2).toInstant().toString();
                }
            }
            // the pipeline may move on between the two reads: then read both again
            if (tile.path("value").isNumber()
                    && Math.abs(tile.path("value").asDouble() - expected) < 1e-9
                    && Instant.parse(tile.path("time").asText()).equals(Instant.parse(newestCounted))) {
                assertThat(Instant.parse(tile.path("time").asText())).isBefore(Instant.parse(newestMinute()));
                return;
            }
            assertThat(System.currentTimeMillis())
                    .as("match_rate tile " + tile + " never equalled the SQL's " + expected + " to " + newestCounted)
                    .isLessThan(deadline);
            Thread.sleep(2000);
        }
    }

    /** The drivers by status over time end at the current counts: the newest minute of each is the snapshot's. */
    @Test
    void theDriverCountsOverTimeEndAtTheCurrentCounts() throws Exception {
        String sql = "SELECT count(*) FROM mart.latest_metric_snapshot s WHERE s.metric_name IN ('drivers_available',"
                + " 'drivers_busy', 'drivers_offline') AND s.metric_value = (SELECT h.metric_value FROM"
                + " mart.snapshot_metric_minute h WHERE h.metric_name = s.metric_name ORDER BY h.bucket_start DESC"
                + " LIMIT 1)";
        awaitAtLeast(sql, 3);
        JsonNode history =
                JSON.readTree(get("/api/panels/drivers_by_status?range=15m").body());
        assertThat(history.path("empty").isNull()).as(history.toString()).isTrue();
        Set<String> statuses = new HashSet<>();
        history.path("rows").forEach(r -> statuses.add(r.get(1).asText()));
        assertThat(statuses).isNotEmpty().isSubsetOf("drivers_available", "drivers_busy", "drivers_offline");
    }

    /**
     * Issue #15: verify keeps only the newest {@code mart.retention.verify-runs} runs in the mart, deleting older ones
     * (and their checks, by the foreign key's cascade) as the mart writer when it writes its own; the kept run keeps
     * every check. The newest is on the Data quality page with its time and duplication rate. (The page had a test
     * and a verify of its own.) The older run is one planted an hour back with a check of its own, as a verify
     * stores it: a first verify for it was about 18 s. While the city stands still for verify, the match rate tile
     * is checked too. Last of the class: the browser's test stopped the generator before it, and SharedTinyStack
     * starts it again after the class.
     */
    @Test
    @Order(Order.DEFAULT + 2)
    void verifyKeepsOnlyTheNewestRunsAndTheLatestIsOnTheDataQualityPage() throws Exception {
        plantAVerifyRunAnHourAgo();
        // verify needs the source to stand still: the browser's test stopped the generator, and this says "no
        // generator is running" then (or stops it, when that test ended before it did)
        rideops.runOk("generate", "stop");
        Instant beforeVerify = Instant.now();
        Rideops.Result verify =
                rideops.run("verify", "--since", "2m", "--set", "mart.retention.verify-runs=1", "--json");
        assertThat(verify.code()).as(verify.err()).isIn(0, 1);
        assertThat(verify.err()).as("the run was stored").doesNotContain("was not kept");
        theRateTileIsTheRangesRatioOverItsCompleteMinutes();
        assertThat(count("SELECT count(*) FROM mart.verify_run")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM mart.verify_run WHERE finished_at < '" + beforeVerify + "'"))
                .as("the one kept is the newest")
                .isZero();
        assertThat(count("SELECT count(*) FROM mart.verify_check c"
                        + " WHERE NOT EXISTS (SELECT 1 FROM mart.verify_run r WHERE r.finished_at = c.finished_at)"))
                .as("no check outlives its run")
                .isZero();
        assertThat(count("SELECT count(*) FROM mart.verify_run r WHERE checks <>"
                        + " (SELECT count(*) FROM mart.verify_check c WHERE c.finished_at = r.finished_at)"))
                .as("a kept run keeps every check")
                .isZero();
        assertThat(count("SELECT min(checks) FROM mart.verify_run")).isPositive();

        // the newest run, as the Data quality page shows it
        JsonNode report = verify.json();
        assertThat(report.path("checks"))
                .as("verify ran its checks: " + verify.err())
                .isNotEmpty();
        long mismatches = 0;
        for (JsonNode check : report.path("checks")) {
            mismatches += check.path("mismatches").asLong();
        }
        JsonNode latest = JSON.readTree(get("/api/panels/latest_verify").body());
        assertThat(latest.path("empty").isNull()).as(latest.toString()).isTrue();
        List<String> columns = new java.util.ArrayList<>();
        latest.path("columns").forEach(c -> columns.add(c.asText()));
        JsonNode row = latest.path("rows").get(0);
        assertThat(row.get(columns.indexOf("result")).asText())
                .isEqualTo(report.path("passed").asBoolean() ? "passed" : "FAILED");
        assertThat(row.get(columns.indexOf("mismatches")).asLong()).isEqualTo(mismatches);
        assertThat(Duration.between(
                        Instant.parse(row.get(columns.indexOf("last_updated")).asText()), Instant.now()))
                .isLessThan(Duration.ofMinutes(5));
        JsonNode duplication = JSON.readTree(get("/api/panels/duplication_rate").body());
        assertThat(duplication.path("rows").get(0).get(0).asDouble())
                .isEqualTo(report.path("quality").path("duplication_rate").asDouble());
        JsonNode checks = JSON.readTree(get("/api/panels/latest_verify_checks").body());
        assertThat(checks.path("rows")).hasSize(report.path("checks").size());
    }

    /** An older run with one check, as the admin (verify, as the mart writer, is the one that deletes). */
    private static void plantAVerifyRunAnHourAgo() throws Exception {
        Timestamp anHourAgo = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
        try (Connection c = rideops.admin(rideops.reportingPort(), "reporting_db");
                PreparedStatement run = c.prepareStatement("INSERT INTO mart.verify_run (finished_at, passed,"
                        + " window_start, checks, failed_checks, mismatches, duplication_rate, bookings_completeness,"
                        + " pings_completeness, freshness_seconds, dead_letters, drain_ms, verify_ms)"
                        + " VALUES (?, true, 'all', 1, 0, 0, 0, 1, 1, 1, 0, 1000, 1000)");
                PreparedStatement check = c.prepareStatement("INSERT INTO mart.verify_check (finished_at, position,"
                        + " check_name, target, checked, mismatches) VALUES (?, 0, 'rides_requested',"
                        + " 'mart.fact_metric_bucket', 1, 0)")) {
            run.setTimestamp(1, anHourAgo);
            run.executeUpdate();
            check.setTimestamp(1, anHourAgo);
            check.executeUpdate();
        }
    }

    @Test
    void theExportsAreWrittenAndTheirSqlIsTheCatalogues() throws Exception {
        Path grafana = rideops.home().resolve("rideops.grafana.json");
        Path kibana = rideops.home().resolve("rideops.kibana.ndjson");
        rideops.runOk("dashboard", "export", "--grafana", grafana.toString(), "--kibana", kibana.toString());
        Selection lastDay = Selection.parse(Map.of("range", "24h"), Instant.now());
        int sqlPanels = 0;
        for (JsonNode panel : JSON.readTree(Files.readString(grafana)).path("panels")) {
            String sql = panel.path("targets").path(0).path("rawSql").asText("");
            if (sql.isEmpty()) {
                continue;
            }
            sqlPanels++;
            SqlMacros.Statement statement = SqlMacros.expand(sql, lastDay);
            try (Connection c = connect();
                    PreparedStatement s = c.prepareStatement(statement.sql())) {
                for (int i = 0; i < statement.parameters().size(); i++) {
                    s.setObject(i + 1, statement.parameters().get(i));
                }
                s.executeQuery().close();
            }
        }
        assertThat(sqlPanels).isGreaterThan(37);
        assertThat(Files.readAllLines(kibana)).allSatisfy(line -> JSON.readTree(line));
    }

    /**
     * In a real browser: every page loads without console errors, the newest minute moves on without a reload, and
     * once the pipeline has drained a tile shows what the mart holds and the heatmap has the mart's cells. Leaves a
     * screenshot of each page in cli/target/dashboard-screenshots (for docs/). After the tests without an order (they
     * run on the moving city), before the verify test (which needs the city to stand still, as this leaves it).
     */
    @Test
    @Order(Order.DEFAULT + 1)
    void aPersonSeesLiveDataThatEqualsTheMart() throws Exception {
        try (DashboardBrowser browser = DashboardBrowser.open(rideops.dashboardPort(), rideops.dashboardLogin())) {
            for (Page page : Page.values()) {
                browser.load("/" + page.path());
                DashboardBrowser.assertNoErrors(page.path(), browser.consoleErrors());
            }

            browser.load("/overview?range=15m");
            String tile = "#tile-rides_requested";
            browser.waitUpTo(Duration.ofSeconds(60))
                    .until(d -> !browser.attribute(tile, "data-last-time").isEmpty());
            String first = browser.attribute(tile, "data-last-time");
            browser.waitUpTo(Duration.ofSeconds(150))
                    .until(d -> !browser.attribute(tile, "data-last-time").equals(first));
            assertThat(Instant.parse(browser.attribute(tile, "data-last-time"))).isAfter(Instant.parse(first));

            rideops.runOk("generate", "stop");
            browser.waitUpTo(Duration.ofSeconds(120)).until(d -> {
                try {
                    String minute = browser.attribute(tile + " .value", "data-value");
                    String at = browser.attribute(tile, "data-last-time");
                    return !minute.isEmpty() && Double.parseDouble(minute) == martValue("rides_requested", at);
                } catch (Exception e) {
                    return false;
                }
            });

            browser.load("/supply-demand?city=HCM");
            long cells = count("SELECT count(*) FROM mart.v_supply_demand WHERE city = 'HCM' AND bucket_start ="
                    + " (SELECT max(bucket_start) FROM mart.v_supply_demand WHERE city = 'HCM')");
            browser.waitUpTo(Duration.ofSeconds(30))
                    .until(d -> String.valueOf(cells).equals(browser.attribute("[data-city=HCM]", "data-cells")));
            DashboardBrowser.assertNoErrors("supply-demand?city=HCM", browser.consoleErrors());

            // A chart with many series (CPU per service: one line each) once wrapped its legend over the plot and
            // the y axis' labels: every legend now ends above the plot, with room for the top label's upper half.
            Set<String> withLegends = new HashSet<>();
            for (Page page : Page.values()) {
                browser.load("/" + page.path() + "?city=HCM&driver=1");
                browser.screenshot(Path.of("target", "dashboard-screenshots", page.path() + ".png"));
                for (DashboardBrowser.LegendAndPlot chart : browser.legendsAndPlots()) {
                    assertThat(chart.legendBottom())
                            .as(page.path() + " " + chart)
                            .isLessThanOrEqualTo(chart.plotTop() - 6);
                    withLegends.add(chart.panel());
                }
            }
            // requests and available drivers: two lines, so a legend, whatever else the stack runs
            assertThat(withLegends).contains("supply_demand_trend");
            if (Executables.fromEnvironment()
                    .findAny(PrometheusService.BINARIES)
                    .isPresent()) {
                assertThat(withLegends).contains("service_cpu", "service_rss");
            }
        }
    }

    private static double martValue(String metric, String minute) throws Exception {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT metric_value FROM mart.fact_metric_bucket"
                                + " WHERE metric_name = ? AND bucket_granularity = 'MINUTE' AND bucket_start = ?::timestamptz")) {
            s.setString(1, metric);
            s.setString(2, minute);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getDouble(1) : Double.NaN;
            }
        }
    }

    private static String newestMinute() throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT max(bucket_start) FROM mart.fact_metric_bucket"
                        + " WHERE bucket_granularity = 'MINUTE'")) {
            rs.next();
            return rs.getTimestamp(1).toInstant().toString();
        }
    }

    private static long rows(Panel p, Selection selection) throws Exception {
        return rows(p.query(), selection);
    }

    private static long rows(String sql, Selection selection) throws Exception {
        SqlMacros.Statement statement = SqlMacros.expand(sql, selection);
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(statement.sql())) {
            for (int i = 0; i < statement.parameters().size(); i++) {
                s.setObject(i + 1, statement.parameters().get(i));
            }
            long n = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rideops.dashboardPort() + path))
                        .header("Authorization", rideops.dashboardLogin().header())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Connection connect() throws Exception {
        // the read-only role, as the dashboard itself reads: it must see the mart's tables and the BI views
        return rideops.reader(rideops.reportingPort(), "reporting_db");
    }

    private static long count(String sql) throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitAtLeast(String sql, long expected) throws Exception {
        long deadline = System.currentTimeMillis() + 240_000;
        long seen = count(sql);
        while (seen < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(2000);
            seen = count(sql);
        }
        assertThat(seen).as(sql).isGreaterThanOrEqualTo(expected);
    }
}
