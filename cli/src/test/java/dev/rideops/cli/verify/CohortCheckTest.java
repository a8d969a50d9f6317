package dev.rideops.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CohortCheckTest {

    private static CohortCheck.Row row(long size, long retained, Double hours) {
        Map<String, Double> values = new HashMap<>();
        values.put("cohort_size", (double) size);
        values.put("retained", (double) retained);
        values.put("online_hours", hours);
        return new CohortCheck.Row(values, Set.of("cohort_size", "retained"));
    }

    @Test
    void equalRowsMatchAndHoursWithinTheToleranceToo() {
        Map<String, CohortCheck.Row> source = Map.of("k=1", row(10, 4, 1.0));
        Map<String, CohortCheck.Row> mart = Map.of("k=1", row(10, 4, 1.0 + 1e-9));
        assertThat(CohortCheck.compare(source, mart).mismatches()).isZero();
    }

    @Test
    void aCountOffByOneAMissingAndAnExtraRowAreEachNamed() {
        Map<String, CohortCheck.Row> source = new LinkedHashMap<>();
        source.put("k=1", row(10, 4, null));
        source.put("k=2", row(3, 1, null));
        Map<String, CohortCheck.Row> mart = new LinkedHashMap<>();
        mart.put("k=1", row(10, 5, null));
        mart.put("k=3", row(1, 1, null));
        CohortCheck.Comparison c = CohortCheck.compare(source, mart);
        assertThat(c.mismatches()).isEqualTo(3);
        assertThat(c.example()).isEqualTo("k=1 retained: source 4.0, mart 5.0");
        assertThat(c.mismatched())
                .extracting(m -> m.key().toString() + " " + m.source() + " " + m.target())
                .containsExactly(
                        "{row=k=1, column=retained} 4.0 5.0",
                        "{row=k=2} " + source.get("k=2").values() + " null",
                        "{row=k=3} null " + mart.get("k=3").values());
    }

    @Test
    void theShippedDefinitionsCoverEveryTableWithItsKey() throws IOException {
        var definitions = CohortCheck.parse(new ObjectMapper()
                .readTree(Path.of("../job/src/main/resources/kpi/definitions.json")
                        .toFile()));
        assertThat(definitions)
                .extracting(CohortCheck.Definition::table)
                .containsExactly(
                        "mart.rider_cohort_retention",
                        "mart.driver_cohort_retention",
                        "mart.rider_signup_retention",
                        "mart.driver_signup_retention",
                        "mart.driver_daily_productivity");
        assertThat(definitions.get(0).martSql()).endsWith("WHERE cohort_date + day_offset = ?");
        assertThat(definitions.get(4).martSql()).endsWith("WHERE day = ?");
    }
}
