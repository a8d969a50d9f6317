package dev.rideops.dashboard.panels;

import dev.rideops.contract.SearchIndexes;
import dev.rideops.dashboard.panels.Panel.Group;
import dev.rideops.dashboard.panels.Panel.Kind;
import dev.rideops.dashboard.panels.Panel.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The panel catalogue: every panel of every page, in page order. The KPI panels follow docs/KPI_CATALOGUE.md (one
 * per bucket metric, read from the BI views {@code mart.v_kpi_minute|hour}); the rest are the supply and demand
 * grid, the drivers, the pipeline's metrics from Prometheus, and data quality.
 */
public final class Panels {

    /** The headline KPIs the Overview shows as tiles with sparklines. */
    private static final Set<String> HEADLINES = Set.of(
            "rides_requested",
            "match_rate",
            "cancel_rate",
            "completion_rate",
            "gmv",
            "avg_accept_time_sec",
            "avg_trip_duration_sec",
            "active_drivers");

    /**
     * The three rates whose tiles show the range's figure (numerator over requests across its complete minutes)
     * rather than one bucket's: one minute's accepts include requests of the minute before.
     */
    private static final Map<String, String> RATE_NUMERATORS = Map.of(
            "match_rate", "rides_accepted",
            "cancel_rate", "rides_cancelled",
            "completion_rate", "rides_completed");

    private static final List<Panel> ALL = build();

    private Panels() {}

    public static List<Panel> all() {
        return ALL;
    }

    public static List<Panel> of(Page page) {
        return ALL.stream().filter(p -> p.page() == page).toList();
    }

    public static Optional<Panel> byId(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The start of the newest MINUTE bucket in the mart: the one still filling, which no tile shows. */
    static final String NEWEST_MINUTE =
            "(SELECT max(bucket_start) FROM mart.fact_metric_bucket WHERE bucket_granularity = 'MINUTE')";

    /** A KPI tile: the metric in the newest bucket of the range that has ended (a newer minute exists). */
    static Panel.Tile bucketTile(String metric) {
        return new Panel.Tile(
                "SELECT bucket_start AS time, " + metric + " AS value FROM mart.v_kpi_$bucket"
                        + " WHERE $__timeFilter(bucket_start) AND " + metric + " IS NOT NULL"
                        + " AND bucket_start <= " + NEWEST_MINUTE + " - interval '1 $bucket'"
                        + " ORDER BY 1 DESC LIMIT 1",
                "newest complete bucket");
    }

    /** A rate's tile: its numerator over the requests of every complete minute of the range. */
    static Panel.Tile rateTile(String numerator) {
        return new Panel.Tile(
                "SELECT max(bucket_start) AS time, sum(metric_value) FILTER (WHERE metric_name = '" + numerator + "')"
                        + " / nullif(sum(metric_value) FILTER (WHERE metric_name = 'rides_requested'), 0) AS value,"
                        + " count(DISTINCT bucket_start) AS minutes FROM mart.fact_metric_bucket"
                        + " WHERE bucket_granularity = 'MINUTE' AND metric_name IN ('" + numerator + "',"
                        + " 'rides_requested') AND $__timeFilter(bucket_start) AND bucket_start < " + NEWEST_MINUTE,
                numerator.replace('_', ' ') + " / rides requested, complete minutes of the range");
    }

    /** The SQL of a KPI panel: the metric's column of the bucket view over the selected range. */
    static String kpiSql(String metric) {
        return "SELECT bucket_start AS time, " + metric + " FROM mart.v_kpi_$bucket WHERE $__timeFilter(bucket_start)"
                + " AND " + metric + " IS NOT NULL ORDER BY 1";
    }

    private static List<Panel> build() {
        List<Panel> panels = new ArrayList<>();
        for (Kpi k : Kpi.values()) {
            panels.add(new Panel(
                    k.metric(),
                    k.title(),
                    k.group(),
                    Page.OVERVIEW,
                    Kind.TIMESERIES,
                    Source.SQL,
                    kpiSql(k.metric()),
                    k.unit(),
                    HEADLINES.contains(k.metric()),
                    !HEADLINES.contains(k.metric())
                            ? null
                            : RATE_NUMERATORS.containsKey(k.metric())
                                    ? rateTile(RATE_NUMERATORS.get(k.metric()))
                                    : bucketTile(k.metric())));
        }
        panels.add(sql(
                "open_bookings",
                "Open bookings",
                Group.OPERATION,
                Page.OVERVIEW,
                Kind.STAT,
                "SELECT open_bookings, last_updated FROM mart.v_driver_status",
                Unit.COUNT,
                true));

        panels.add(sql(
                "supply_demand_grid",
                "Requests, available drivers and surge per cell (newest minute of the range)",
                Group.OPERATION,
                Page.SUPPLY_DEMAND,
                Kind.HEATMAP,
                "SELECT city, cell, cell_row, cell_col, requests, drivers_available, drivers_present, avg_surge,"
                        + " bucket_start FROM mart.v_supply_demand WHERE ('$city' = '' OR city = '$city')"
                        + " AND bucket_start = (SELECT max(bucket_start) FROM mart.v_supply_demand"
                        + " WHERE $__timeFilter(bucket_start) AND ('$city' = '' OR city = '$city'))"
                        + " ORDER BY city, cell_row, cell_col",
                Unit.COUNT,
                false));
        panels.add(sql(
                "supply_demand_trend",
                "Requests and available drivers per minute",
                Group.OPERATION,
                Page.SUPPLY_DEMAND,
                Kind.TIMESERIES,
                "SELECT bucket_start AS time, sum(requests) AS requests, sum(drivers_available) AS drivers_available"
                        + " FROM mart.v_supply_demand WHERE $__timeFilter(bucket_start)"
                        + " AND ('$city' = '' OR city = '$city') GROUP BY 1 ORDER BY 1",
                Unit.COUNT,
                false));
        panels.add(sql(
                "supply_demand_surge",
                "Mean surge of requests per minute",
                Group.OPERATION,
                Page.SUPPLY_DEMAND,
                Kind.TIMESERIES,
                "SELECT bucket_start AS time, sum(avg_surge * requests) / nullif(sum(requests), 0) AS avg_surge"
                        + " FROM mart.v_supply_demand WHERE $__timeFilter(bucket_start)"
                        + " AND ('$city' = '' OR city = '$city') GROUP BY 1 ORDER BY 1",
                Unit.COUNT,
                false));

        panels.add(sql(
                "drivers_by_status",
                "Drivers available, busy and offline over time",
                Group.DRIVER,
                Page.SUPPLY_DEMAND,
                Kind.TIMESERIES,
                // each bucket's value after its last change; a count that did not move in a minute has no row there
                "SELECT DISTINCT ON (date_trunc('$bucket', bucket_start), metric_name)"
                        + " date_trunc('$bucket', bucket_start) AS time, metric_name AS metric, metric_value AS value"
                        + " FROM mart.snapshot_metric_minute WHERE $__timeFilter(bucket_start)"
                        + " AND metric_name IN ('drivers_available', 'drivers_busy', 'drivers_offline')"
                        + " ORDER BY date_trunc('$bucket', bucket_start), metric_name, bucket_start DESC",
                Unit.COUNT,
                false));

        panels.add(sql(
                "driver_status",
                "Drivers by status now",
                Group.DRIVER,
                Page.DRIVERS,
                Kind.STAT,
                "SELECT drivers_available, drivers_busy, drivers_offline, last_updated FROM mart.v_driver_status",
                Unit.COUNT,
                true));
        panels.add(sql(
                "drivers_pinging",
                "Drivers that sent a location (per bucket)",
                Group.DRIVER,
                Page.DRIVERS,
                Kind.TIMESERIES,
                kpiSql("active_drivers"),
                Unit.COUNT,
                false));
        panels.add(new Panel(
                "driver_positions",
                "Newest position of every driver, by status",
                Group.DRIVER,
                Page.DRIVERS,
                Kind.MAP,
                Source.SEARCH,
                SearchIndexes.LATEST,
                Unit.COUNT,
                false,
                null));
        panels.add(new Panel(
                "driver_pings",
                "Recent pings of one driver",
                Group.DRIVER,
                Page.DRIVERS,
                Kind.TABLE,
                Source.SEARCH,
                SearchIndexes.TIMESERIES_PREFIX + "*",
                Unit.COUNT,
                false,
                null));

        panels.add(prom(
                "consumer_lag",
                "Consumer lag (records the job has not read)",
                "sum(flink_taskmanager_job_task_operator_pendingRecords)",
                Unit.RECORDS,
                true));
        // the pipeline exporter's: from the committed offsets, so it trails by up to a checkpoint interval, and
        // it keeps growing while no job runs (Flink's own lag then vanishes)
        panels.add(prom(
                "consumer_lag_seconds",
                "Consumer lag (seconds the oldest uncommitted CDC record has waited, worst topic)",
                "max(rideops_consumer_lag_seconds)",
                Unit.SECONDS,
                true));
        panels.add(sql(
                "snapshot_freshness",
                "Snapshot freshness (seconds behind now)",
                Group.INFRA,
                Page.INFRASTRUCTURE,
                Kind.STAT,
                "SELECT extract(epoch FROM now() - last_updated) AS seconds_behind, last_updated"
                        + " FROM mart.v_driver_status",
                Unit.SECONDS,
                true));
        panels.add(prom(
                "checkpoint_duration",
                "Duration of the newest checkpoint",
                "max(flink_jobmanager_job_lastCheckpointDuration)",
                Unit.MILLISECONDS,
                false));
        panels.add(prom(
                "back_pressure",
                "Back-pressure (busiest task, ms per second)",
                "max(flink_taskmanager_job_task_backPressuredTimeMsPerSecond)",
                Unit.MILLISECONDS,
                false));
        // the pipeline exporter's samples of the local services' process trees, the figures 'status' and 'bench'
        // show; absent against remote services, where the Flink processes' own figures below remain
        panels.add(prom(
                "service_cpu",
                "CPU per service (cores)",
                "sum by (service) (rideops_service_cpu_cores)",
                Unit.CORES,
                false));
        panels.add(prom(
                "service_rss",
                "Resident memory per service",
                "sum by (service) (rideops_service_rss_bytes)",
                Unit.BYTES,
                false));
        panels.add(prom(
                "jvm_cpu",
                "CPU load per Flink process",
                "{__name__=~\"flink_(jobmanager|taskmanager)_Status_JVM_CPU_Load\"}",
                Unit.RATIO,
                false));
        panels.add(prom(
                "jvm_heap",
                "Heap used per Flink process",
                "{__name__=~\"flink_(jobmanager|taskmanager)_Status_JVM_Memory_Heap_Used\"}",
                Unit.BYTES,
                false));
        panels.add(prom("job_restarts", "Job restarts", "max(flink_jobmanager_job_numRestarts)", Unit.COUNT, false));
        panels.add(prom(
                "search_pending",
                "Pings waiting for the search node",
                "sum(flink_taskmanager_job_task_operator_rideops_search_pending)",
                Unit.COUNT,
                false));
        // the topic's size rather than the job's counter: it also holds the search sink's rejections and
        // overflow, and it survives a task's restart
        panels.add(prom(
                "dead_letters",
                "Records on the dead-letter topic rideops.dlq",
                "sum(rideops_dead_letter_records)",
                Unit.RECORDS,
                true));
        panels.add(new Panel(
                "service_load",
                "CPU and memory of each local service",
                Group.INFRA,
                Page.INFRASTRUCTURE,
                Kind.TABLE,
                Source.PROCESS,
                "local stack processes",
                Unit.COUNT,
                false,
                null));
        panels.add(prom(
                "firing_alerts",
                "Alerts firing",
                "count(ALERTS{alertstate=\"firing\"}) or vector(0)",
                Unit.COUNT,
                true));

        panels.add(sql(
                "freshness",
                "Freshness of the current-state counts",
                Group.INFRA,
                Page.DATA_QUALITY,
                Kind.STAT,
                "SELECT extract(epoch FROM now() - last_updated) AS seconds_behind, last_updated"
                        + " FROM mart.v_driver_status",
                Unit.SECONDS,
                true));
        panels.add(sql(
                "completeness",
                "Minutes of the range with KPIs",
                Group.INFRA,
                Page.DATA_QUALITY,
                Kind.STAT,
                "SELECT count(*) AS minutes_with_data,"
                        + " ceil(extract(epoch FROM $__timeTo()::timestamptz - $__timeFrom()::timestamptz) / 60)"
                        + " AS minutes_in_range"
                        + " FROM mart.v_kpi_minute WHERE $__timeFilter(bucket_start)",
                Unit.COUNT,
                true));
        panels.add(sql(
                "latest_verify",
                "Latest verify (written by 'rideops verify')",
                Group.INFRA,
                Page.DATA_QUALITY,
                Kind.STAT,
                "SELECT CASE WHEN passed THEN 'passed' ELSE 'FAILED' END AS result, mismatches, failed_checks, checks,"
                        + " window_start, finished_at AS last_updated FROM mart.verify_run"
                        + " ORDER BY finished_at DESC LIMIT 1",
                Unit.COUNT,
                true));
        panels.add(sql(
                "duplication_rate",
                "Duplication rate at the latest verify (search documents without a source ping, per ping)",
                Group.INFRA,
                Page.DATA_QUALITY,
                Kind.STAT,
                "SELECT duplication_rate, finished_at AS last_updated FROM mart.verify_run"
                        + " ORDER BY finished_at DESC LIMIT 1",
                Unit.RATIO,
                true));
        panels.add(sql(
                "latest_verify_checks",
                "Checks of the latest verify, mismatches first",
                Group.INFRA,
                Page.DATA_QUALITY,
                Kind.TABLE,
                "SELECT check_name, target, checked, mismatches, worst FROM mart.verify_check"
                        + " WHERE finished_at = (SELECT max(finished_at) FROM mart.verify_run)"
                        + " ORDER BY mismatches DESC, position",
                Unit.COUNT,
                false));
        panels.add(sql(
                "late_bucket_events",
                "Events that came after their bucket closed",
                Group.INFRA,
                Page.DATA_QUALITY,
                Kind.TIMESERIES,
                kpiSql("late_events"),
                Unit.COUNT,
                false));
        panels.add(sql(
                "late_pings",
                "Pings that came after their minute closed",
                Group.INFRA,
                Page.DATA_QUALITY,
                Kind.TIMESERIES,
                "SELECT bucket_start AS time, sum(late_pings) AS late_pings FROM mart.cell_supply_demand"
                        + " WHERE $__timeFilter(bucket_start) GROUP BY 1 ORDER BY 1",
                Unit.COUNT,
                false));
        // The cohort batch's tables (reporting migration V5, filled by 'rideops batch cohort' and the daily
        // schedule); days, not the page's time range, so these panels ignore it.
        panels.add(sql(
                "rider_retention_triangle",
                "Rider retention by first-activity cohort (% of the cohort active t days later)",
                Group.PASSENGER,
                Page.COHORTS,
                Kind.TABLE,
                retentionTriangleSql("mart.rider_cohort_retention"),
                Unit.COUNT,
                false));
        panels.add(sql(
                "driver_retention_triangle",
                "Driver retention by first-trip cohort (% of the cohort completing a trip t days later)",
                Group.DRIVER,
                Page.COHORTS,
                Kind.TABLE,
                retentionTriangleSql("mart.driver_cohort_retention"),
                Unit.COUNT,
                false));
        panels.add(sql(
                "cohort_churn_return",
                "Churned and returned per day (members of the last 30 days' cohorts)",
                Group.PASSENGER,
                Page.COHORTS,
                Kind.TIMESERIES,
                "SELECT (cohort_date + day_offset)::timestamp AT TIME ZONE 'UTC' AS time, series, sum(value) AS value"
                        + " FROM (SELECT cohort_date, day_offset, 'riders churned' AS series, churned AS value"
                        + " FROM mart.rider_cohort_retention UNION ALL SELECT cohort_date, day_offset,"
                        + " 'riders returned', returned FROM mart.rider_cohort_retention UNION ALL"
                        + " SELECT cohort_date, day_offset, 'drivers churned', churned FROM mart.driver_cohort_retention"
                        + " UNION ALL SELECT cohort_date, day_offset, 'drivers returned', returned"
                        + " FROM mart.driver_cohort_retention) c"
                        + " WHERE cohort_date + day_offset >= current_date - 60 GROUP BY 1, 2 ORDER BY 1, 2",
                Unit.COUNT,
                false));
        panels.add(sql(
                "trips_per_driver_day",
                "Trips per driver per day (drivers with a trip) and per online hour",
                Group.DRIVER,
                Page.COHORTS,
                Kind.TIMESERIES,
                "SELECT day::timestamp AT TIME ZONE 'UTC' AS time,"
                        + " avg(trips) FILTER (WHERE trips > 0) AS trips_per_driver,"
                        + " sum(trips) / nullif(sum(online_hours), 0) AS trips_per_online_hour"
                        + " FROM mart.driver_daily_productivity WHERE day >= current_date - 60 GROUP BY 1 ORDER BY 1",
                Unit.COUNT,
                false));
        return List.copyOf(panels);
    }

    /** A cohort retention table as a triangle: a row per cohort of the last 30 days, the % retained t days later. */
    static String retentionTriangleSql(String table) {
        StringBuilder sql = new StringBuilder("SELECT cohort_date, max(cohort_size) AS cohort_size");
        for (int t : new int[] {1, 2, 3, 5, 7, 14, 30}) {
            sql.append(", round(100.0 * max(retained) FILTER (WHERE day_offset = ")
                    .append(t)
                    .append(") / max(cohort_size), 1) AS t")
                    .append(t)
                    .append("_pct");
        }
        return sql.append(" FROM ")
                .append(table)
                .append(" WHERE cohort_date >= current_date - 30 GROUP BY 1 ORDER BY 1 DESC")
                .toString();
    }

    private static Panel sql(
            String id, String title, Group group, Page page, Kind kind, String sql, Unit unit, boolean headline) {
        return new Panel(id, title, group, page, kind, Source.SQL, sql, unit, headline, null);
    }

    private static Panel prom(String id, String title, String promql, Unit unit, boolean headline) {
        return new Panel(
                id,
                title,
                Group.INFRA,
                Page.INFRASTRUCTURE,
                Kind.TIMESERIES,
                Source.PROMQL,
                promql,
                unit,
                headline,
                null);
    }
}
