package dev.rideops.dashboard.panels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.dashboard.Migrations;
import dev.rideops.dashboard.panels.Panel.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PanelsTest {

    private static final Pattern RELATION = Pattern.compile("(?<!epoch )\\b(?:FROM|JOIN)\\s+(?!\\()([\\w.$]+)");
    private static final Pattern PIVOT_COLUMN = Pattern.compile("\\) AS (\\w+),?\\n");

    @Test
    void everySqlPanelIsASelectOnMartRelationsTheMigrationsCreate() {
        Set<String> relations = Migrations.martRelations();
        assertThat(relations)
                .contains(
                        "v_kpi_minute",
                        "v_kpi_hour",
                        "v_supply_demand",
                        "v_driver_status",
                        "snapshot_metric_minute",
                        "verify_run",
                        "verify_check");
        List<Panel> sql = new ArrayList<>();
        for (Panel p : Panels.all()) {
            if (p.source() == Source.SQL) {
                sql.add(p);
            }
            if (p.tile() != null) {
                sql.add(new Panel(
                        p.id() + " tile",
                        p.title(),
                        p.group(),
                        p.page(),
                        p.kind(),
                        Source.SQL,
                        p.tile().query(),
                        p.unit(),
                        false,
                        null));
            }
        }
        for (Panel p : sql) {
            assertThat(p.query()).as(p.id()).startsWith("SELECT ").doesNotContain(";");
            Matcher m = RELATION.matcher(p.query());
            List<String> read = new ArrayList<>();
            while (m.find()) {
                read.add(m.group(1));
            }
            assertThat(read).as(p.id() + " reads something").isNotEmpty();
            for (String relation : read) {
                assertThat(relation).as(p.id()).startsWith("mart.");
                String name = relation.substring("mart.".length());
                if (name.equals("v_kpi_$bucket")) {
                    assertThat(relations).contains("v_kpi_minute", "v_kpi_hour");
                } else {
                    assertThat(relations).as(p.id()).contains(name);
                }
            }
        }
    }

    @Test
    void theKpiPanelsAreExactlyTheColumnsOfBothKpiViews() {
        List<String> kpis = Arrays.stream(Kpi.values()).map(Kpi::metric).toList();
        // v_kpi_minute and v_kpi_hour are v_kpi's rows of one granularity (reporting migration V4).
        List<String> columns = new ArrayList<>();
        Matcher m = PIVOT_COLUMN.matcher(Migrations.view("v_kpi") + "\n");
        while (m.find()) {
            columns.add(m.group(1));
        }
        assertThat(columns).containsExactlyElementsOf(kpis);
        for (String view : List.of("v_kpi_minute", "v_kpi_hour")) {
            assertThat(Migrations.view(view)).as(view).contains("SELECT * FROM mart.v_kpi WHERE");
        }
        for (Kpi k : Kpi.values()) {
            Panel p = Panels.byId(k.metric()).orElseThrow();
            assertThat(p.page()).isEqualTo(Page.OVERVIEW);
            assertThat(p.query()).contains(" " + k.metric() + " FROM mart.v_kpi_$bucket ");
        }
    }

    @Test
    void idsAreUniqueAndEveryPageHasPanels() {
        assertThat(Panels.all()).extracting(Panel::id).doesNotHaveDuplicates();
        for (Page page : Page.values()) {
            assertThat(Panels.of(page)).as(page.title()).isNotEmpty();
        }
    }

    @Test
    void theOverviewHeadlinesAreTheIssuesTiles() {
        assertThat(Panels.of(Page.OVERVIEW).stream().filter(Panel::headline).map(Panel::id))
                .containsExactlyInAnyOrder(
                        "rides_requested",
                        "match_rate",
                        "cancel_rate",
                        "completion_rate",
                        "gmv",
                        "avg_accept_time_sec",
                        "avg_trip_duration_sec",
                        "active_drivers",
                        "open_bookings");
    }

    @Test
    void searchPanelsReadOnlyTheJobsIndexes() {
        assertThat(Panels.all().stream()
                        .filter(p -> p.source() == Source.SEARCH)
                        .map(Panel::query))
                .isNotEmpty()
                .allMatch(q -> q.equals("driver_locations") || q.equals("driver_locations_timeseries-*"));
    }

    /**
     * No tile shows the minute still filling (the Overview once showed a match rate of 200 %): every tile reads only
     * buckets before the newest minute, and the rates are the range's numerator over its requests, uncapped.
     */
    @Test
    void tilesShowCompleteBucketsAndRatesOverTheRange() {
        List<Panel> tiles = Panels.all().stream().filter(p -> p.tile() != null).toList();
        assertThat(tiles)
                .extracting(Panel::id)
                .containsExactlyInAnyOrder(
                        "rides_requested",
                        "match_rate",
                        "cancel_rate",
                        "completion_rate",
                        "gmv",
                        "avg_accept_time_sec",
                        "avg_trip_duration_sec",
                        "active_drivers");
        for (Panel p : tiles) {
            assertThat(p.headline()).as(p.id()).isTrue();
            assertThat(p.tile().query())
                    .as(p.id())
                    .contains(Panels.NEWEST_MINUTE)
                    .containsPattern("bucket_start <=? " + Pattern.quote(Panels.NEWEST_MINUTE))
                    .contains("AS time")
                    .contains("AS value")
                    .doesNotContainIgnoringCase("least(")
                    .doesNotContainIgnoringCase("greatest(");
        }
        Map<String, String> numerators = Map.of(
                "match_rate", "rides_accepted", "cancel_rate", "rides_cancelled", "completion_rate", "rides_completed");
        numerators.forEach((rate, numerator) -> assertThat(
                        Panels.byId(rate).orElseThrow().tile().query())
                .as(rate)
                .contains("FILTER (WHERE metric_name = '" + numerator + "') / nullif(sum(metric_value) FILTER "
                        + "(WHERE metric_name = 'rides_requested'), 0) AS value")
                .contains("bucket_granularity = 'MINUTE'"));
        assertThat(Panels.byId("gmv").orElseThrow().tile().query())
                .contains("gmv AS value FROM mart.v_kpi_$bucket")
                .contains("- interval '1 $bucket'")
                .endsWith("ORDER BY 1 DESC LIMIT 1");
    }

    @Test
    void driversByStatusAreOnTheSupplyAndDemandPageAndTheLatestVerifyOnDataQuality() {
        Panel history = Panels.byId("drivers_by_status").orElseThrow();
        assertThat(history.page()).isEqualTo(Page.SUPPLY_DEMAND);
        assertThat(history.query())
                .contains("FROM mart.snapshot_metric_minute")
                .contains("'drivers_available', 'drivers_busy', 'drivers_offline'")
                .contains("AS metric")
                .contains("$__timeFilter(bucket_start)");
        assertThat(Panels.of(Page.DATA_QUALITY))
                .extracting(Panel::id)
                .contains("latest_verify", "duplication_rate", "latest_verify_checks");
        assertThat(Panels.byId("latest_verify").orElseThrow().query())
                .contains("AS last_updated")
                .contains("ORDER BY finished_at DESC LIMIT 1");
    }
}
