package dev.rideops.job.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BI views' pivots ({@code mart.v_kpi_minute}, {@code mart.v_kpi_hour}) have exactly one column per bucket KPI
 * of the catalogue, in catalogue order: a KPI added to {@link Metric} must be added there too.
 */
class BiViewsTest {

    private static final Pattern PIVOT_COLUMN =
            Pattern.compile("FILTER \\(WHERE metric_name = '([a-z_]+)'\\) AS ([a-z_]+)");

    @Test
    void bothKpiViewsHaveOneColumnPerCatalogueMetric() throws Exception {
        String sql;
        try (InputStream in = getClass().getResourceAsStream("/db/reporting/V3__bi_views.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> catalogue = new ArrayList<>();
        for (Metric m : Metric.values()) {
            if (m.group() != Metric.Group.CELL) {
                catalogue.add(m.metricName());
            }
        }
        for (String view : List.of("v_kpi_minute", "v_kpi_hour")) {
            int start = sql.indexOf("CREATE VIEW mart." + view);
            assertThat(start).as(view).isNotNegative();
            String body = sql.substring(start, sql.indexOf(';', start));
            List<String> columns = new ArrayList<>();
            Matcher m = PIVOT_COLUMN.matcher(body);
            while (m.find()) {
                assertThat(m.group(2)).as("column named after its metric").isEqualTo(m.group(1));
                columns.add(m.group(1));
            }
            assertThat(columns).as(view).containsExactlyElementsOf(catalogue);
        }
    }
}
