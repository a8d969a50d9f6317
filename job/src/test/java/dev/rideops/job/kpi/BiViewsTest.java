package dev.rideops.job.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The BI views' one pivot ({@code mart.v_kpi}) has exactly one column per bucket KPI of the catalogue, in catalogue
 * order, and {@code mart.v_kpi_minute} / {@code mart.v_kpi_hour} are its rows of one granularity: a KPI added to
 * {@link Metric} must be added to the pivot too, and only there.
 */
class BiViewsTest {

    private static final Pattern PIVOT_COLUMN =
            Pattern.compile("FILTER \\(WHERE metric_name = '([a-z_]+)'\\) AS ([a-z_]+)");

    @Test
    void theKpiPivotHasOneColumnPerCatalogueMetric() throws Exception {
        List<String> catalogue = new ArrayList<>();
        for (Metric m : Metric.values()) {
            if (m.group() != Metric.Group.CELL) {
                catalogue.add(m.metricName());
            }
        }
        List<String> columns = new ArrayList<>();
        Matcher m = PIVOT_COLUMN.matcher(newestView("v_kpi"));
        while (m.find()) {
            assertThat(m.group(2)).as("column named after its metric").isEqualTo(m.group(1));
            columns.add(m.group(1));
        }
        assertThat(columns).containsExactlyElementsOf(catalogue);
    }

    @Test
    void theMinuteAndHourViewsSelectThePivotAndRepeatNoMetric() throws Exception {
        assertThat(newestView("v_kpi_minute"))
                .contains("SELECT * FROM mart.v_kpi WHERE bucket_granularity = 'MINUTE'")
                .doesNotContain("metric_name");
        assertThat(newestView("v_kpi_hour"))
                .contains("SELECT * FROM mart.v_kpi WHERE bucket_granularity = 'HOUR'")
                .doesNotContain("metric_name");
    }

    /** The last definition of a view across the reporting migrations, in Flyway's order. */
    private static String newestView(String name) throws Exception {
        Path dir = Path.of(BiViewsTest.class.getResource("/db/reporting").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted((a, b) -> Integer.compare(version(a), version(b)))
                    .toList();
        }
        Pattern create = Pattern.compile("CREATE (?:OR REPLACE )?VIEW mart\\." + name + " AS");
        String body = null;
        for (Path f : files) {
            String sql = Files.readString(f);
            Matcher m = create.matcher(sql);
            while (m.find()) {
                body = sql.substring(m.start(), sql.indexOf(';', m.start()));
            }
        }
        assertThat(body).as("a migration defines mart." + name).isNotNull();
        return body;
    }

    private static int version(Path migration) {
        String file = migration.getFileName().toString();
        return Integer.parseInt(file.substring(1, file.indexOf("__")));
    }
}
