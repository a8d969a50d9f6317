package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.dashboard.data.Selection;
import dev.rideops.dashboard.data.SqlMacros;
import dev.rideops.dashboard.panels.Page;
import dev.rideops.dashboard.panels.Panel;
import dev.rideops.dashboard.panels.Panels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the dashboard's queries cost on a mart with history: only the reporting database runs ({@code rideops start
 * reporting-db} in its own home), the reporting migrations are applied, and three days of the {@code large} volume's
 * mart are seeded (every KPI per minute and hour, all 432 cells per minute, the current-state counts per minute, a
 * verify per hour). Every SQL panel and tile is run under {@code EXPLAIN ANALYZE} for the ranges the pages offer: over
 * 15 minutes and an hour none may scan a whole mart table, and a page's refresh is timed. The figures go to {@code
 * target/dashboard-query-cost.md}, from which the README's are taken.
 *
 * <p>In {@code -Plong} (40-54 s in CI, most of it seeding 1.9 million rows): a measurement on a seeded mart, like the
 * bench. In the default run every panel's and tile's SQL runs on a real mart and through the API in
 * {@code DashboardIT}, and {@code PanelsTest} checks each reads only relations the migrations create; what only this
 * covers is the plans over a large history.
 */
@Tag("long")
class DashboardQueryCostIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DAYS = 3;
    /**
     * The tables that grow by the minute; a sequential scan of one is a query that grows with the history. (The verify
     * tables grow by a row per verify: a scan of them stays small.)
     */
    private static final List<String> HISTORY =
            List.of("fact_metric_bucket", "cell_supply_demand", "snapshot_metric_minute");

    @TempDir
    static Path home;

    private static Rideops rideops;
    private static Instant end;

    @BeforeAll
    static void seed() throws Exception {
        rideops = new Rideops(home);
        rideops.runOk("start", "reporting-db");
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            List<Path> migrations;
            try (Stream<Path> files = Files.list(Path.of("..", "job", "src", "main", "resources", "db", "reporting"))) {
                migrations = files.sorted().toList();
            }
            for (Path migration : migrations) {
                s.execute(Files.readString(migration));
            }
            end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            String start = "timestamptz '" + end.minus(Duration.ofDays(DAYS)) + "'";
            String minutes = "generate_series(" + start + ", timestamptz '" + end + "', interval '1 minute')";
            // every catalogue metric, in every minute and hour, with values of the large volume's size
            s.execute("INSERT INTO mart.fact_metric_bucket SELECT m, 'MINUTE', k, 100 + random() * 50 FROM " + minutes
                    + " m, unnest(ARRAY[" + metricNames() + "]) k");
            s.execute("INSERT INTO mart.fact_metric_bucket SELECT date_trunc('hour', bucket_start), 'HOUR',"
                    + " metric_name, sum(metric_value) FROM mart.fact_metric_bucket GROUP BY 1, 3");
            s.execute("INSERT INTO mart.cell_supply_demand (bucket_start, cell, requests, drivers_present,"
                    + " avg_surge, drivers_available, late_pings) SELECT m, c || '-' || lpad(r::text, 2, '0') || '-'"
                    + " || lpad(k::text, 2, '0'), (random() * 10)::int, (random() * 20)::int, 1 + random(),"
                    + " (random() * 10)::int, 0 FROM " + minutes + " m, unnest(ARRAY['HCM', 'HAN', 'DAD']) c,"
                    + " generate_series(0, 11) r, generate_series(0, 11) k");
            s.execute("INSERT INTO mart.snapshot_metric_minute SELECT m, k, 1000 + random() * 500, m FROM " + minutes
                    + " m, unnest(ARRAY['drivers_available', 'drivers_busy', 'drivers_offline', 'open_bookings']) k");
            s.execute("INSERT INTO mart.latest_metric_snapshot SELECT metric_name, metric_value, bucket_start FROM"
                    + " mart.snapshot_metric_minute WHERE bucket_start = timestamptz '" + end + "'");
            s.execute("INSERT INTO mart.verify_run SELECT h, true, h::text, 40, 0, 0, 0, 1, 1, 2, 0, 1000, 5000 FROM"
                    + " generate_series(" + start + ", timestamptz '" + end + "', interval '1 hour') h");
            s.execute("INSERT INTO mart.verify_check SELECT finished_at, p, 'check ' || p, 'mart', 1000, 0, '' FROM"
                    + " mart.verify_run, generate_series(0, 39) p");
            s.execute("VACUUM ANALYZE");
        }
    }

    @AfterAll
    static void stop() {
        if (rideops != null) {
            // --purge: as root the cluster lives under /var/tmp, which deleting the @TempDir home would leave behind
            rideops.run("down", "--purge");
        }
    }

    @Test
    void noLiveRangeScansAWholeMartTableAndARefreshTakesMilliseconds() throws Exception {
        Map<String, Selection> ranges = new LinkedHashMap<>();
        for (String range : List.of("15m", "1h", "24h")) {
            Selection s = Selection.parse(Map.of("range", range, "to", Long.toString(end.getEpochSecond())), end);
            ranges.put(range + " minute", s);
            if (range.equals("24h")) {
                ranges.put(range + " hour", new Selection(s.from(), s.to(), "hour", "", null));
            }
        }
        ranges.put("1h minute HCM", new Selection(end.minus(Duration.ofHours(1)), end, "minute", "HCM", null));

        StringBuilder report = new StringBuilder();
        report.append("| query | ")
                .append(String.join(" | ", ranges.keySet()))
                .append(" |\n|---|")
                .append("---:|".repeat(ranges.size()))
                .append('\n');
        Map<String, double[]> pageTotals = new LinkedHashMap<>();
        List<String> scans = new ArrayList<>();
        for (Map.Entry<String, String> query : queries().entrySet()) {
            report.append("| ").append(query.getKey());
            int i = 0;
            for (Map.Entry<String, Selection> range : ranges.entrySet()) {
                Plan plan = explain(query.getValue(), range.getValue());
                report.append(String.format(Locale.ROOT, " | %.1f", plan.ms()));
                String page = query.getKey().substring(0, query.getKey().indexOf(' '));
                pageTotals.computeIfAbsent(page, p -> new double[ranges.size()])[i++] += plan.ms();
                if (!range.getKey().startsWith("24h") && !plan.seqScans().isEmpty()) {
                    scans.add(query.getKey() + " over " + range.getKey() + " scans " + plan.seqScans());
                }
            }
            report.append(" |\n");
        }
        for (Map.Entry<String, double[]> page : pageTotals.entrySet()) {
            report.append("| **").append(page.getKey()).append(" page, one refresh**");
            for (double ms : page.getValue()) {
                report.append(String.format(Locale.ROOT, " | **%.1f**", ms));
            }
            report.append(" |\n");
        }
        report.append(String.format(
                Locale.ROOT,
                "%nmart: %d days of the large volume, %,d rows in fact_metric_bucket, %,d in cell_supply_demand; "
                        + "milliseconds of EXPLAIN ANALYZE's execution time, warm cache%n",
                DAYS,
                count("SELECT count(*) FROM mart.fact_metric_bucket"),
                count("SELECT count(*) FROM mart.cell_supply_demand")));
        Path out = Path.of("target", "dashboard-query-cost.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);

        assertThat(scans)
                .as("queries that read a whole mart table over a live range")
                .isEmpty();
        for (Map.Entry<String, double[]> page : pageTotals.entrySet()) {
            // the 1 h minute refresh of a page, the pages' default
            assertThat(page.getValue()[1])
                    .as(page.getKey() + " refresh over 1 h, ms")
                    .isLessThan(1000);
        }
    }

    /** Every SQL the pages run, named {@code page panel} (tiles as {@code page panel tile}). */
    private static Map<String, String> queries() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (Page page : Page.values()) {
            for (Panel p : Panels.of(page)) {
                if (p.source() == Panel.Source.SQL) {
                    queries.put(page.path() + " " + p.id(), p.query());
                }
                if (p.tile() != null) {
                    queries.put(page.path() + " " + p.id() + " tile", p.tile().query());
                }
            }
        }
        return queries;
    }

    record Plan(double ms, List<String> seqScans) {}

    private static Plan explain(String sql, Selection selection) throws Exception {
        SqlMacros.Statement statement = SqlMacros.expand(sql, selection);
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + statement.sql())) {
            for (int i = 0; i < statement.parameters().size(); i++) {
                s.setObject(i + 1, statement.parameters().get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                JsonNode plan = JSON.readTree(rs.getString(1)).get(0);
                List<String> scans = new ArrayList<>();
                seqScans(plan.path("Plan"), scans);
                return new Plan(plan.path("Execution Time").asDouble(), scans);
            }
        }
    }

    private static void seqScans(JsonNode node, List<String> out) {
        if (node.path("Node Type").asText().equals("Seq Scan")
                && HISTORY.contains(node.path("Relation Name").asText())) {
            out.add(node.path("Relation Name").asText());
        }
        for (JsonNode child : node.path("Plans")) {
            seqScans(child, out);
        }
    }

    /** The KPI views' metric names, as the catalogue lists them, for the seeded rows. */
    private static String metricNames() {
        List<String> names = new ArrayList<>();
        for (Panel p : Panels.of(Page.OVERVIEW)) {
            if (p.query().contains("mart.v_kpi_$bucket")) {
                names.add("'" + p.id() + "'");
            }
        }
        return String.join(", ", names);
    }

    private static long count(String sql) throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect() throws Exception {
        return rideops.admin(rideops.reportingPort(), "reporting_db");
    }
}
