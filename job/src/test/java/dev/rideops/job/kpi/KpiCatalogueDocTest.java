package dev.rideops.job.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/KPI_CATALOGUE.md states the same metrics with the same SQL as {@code kpi/definitions.json}, the file the job
 * jar ships and {@code rideops verify} runs. A bucket metric's row reads {@code SELECT <value> FROM <table> WHERE
 * <time> ∈ B}, a ratio's {@code numerator / denominator}, a snapshot metric's the {@code sql} of its definition;
 * compared after collapsing whitespace.
 */
class KpiCatalogueDocTest {

    private static final String DOC = "docs/KPI_CATALOGUE.md";
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern NAME = Pattern.compile("`([a-z0-9_]+)`");

    /** A catalogue table row: metric name, then the cells after it. */
    private record Row(String metric, List<String> cells) {}

    private static JsonNode definitions;
    private static List<Row> bucketRows;
    private static List<Row> snapshotRows;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = KpiCatalogueDocTest.class.getResourceAsStream("/kpi/definitions.json")) {
            assertThat(in).as("/kpi/definitions.json on the classpath").isNotNull();
            definitions = new ObjectMapper().readTree(in);
        }
        bucketRows = new ArrayList<>();
        snapshotRows = new ArrayList<>();
        parse(Files.readAllLines(catalogue(), StandardCharsets.UTF_8));
    }

    @Test
    void bucketMetricsAreTheSame() {
        assertThat(names(bucketRows))
                .as("bucket metrics in " + DOC + " vs definitions.json")
                .containsExactlyInAnyOrderElementsOf(expectedBucketSql().keySet());
    }

    @Test
    void bucketMetricsHaveTheSameSql() {
        Map<String, String> expected = expectedBucketSql();
        SoftAssertions soft = new SoftAssertions();
        for (Row row : bucketRows) {
            if (!expected.containsKey(row.metric())) {
                continue; // reported by bucketMetricsAreTheSame
            }
            String want = expected.get(row.metric());
            String definition = row.cells().get(1);
            if (want == null) {
                soft.assertThat(firstCode(definition))
                        .as(row.metric() + ": a health metric has no SQL definition, " + "but " + DOC + " gives one")
                        .isNull();
            } else {
                soft.assertThat(firstCode(definition))
                        .as(row.metric() + " in " + DOC)
                        .isEqualTo(want);
            }
        }
        soft.assertAll();
    }

    @Test
    void aggregationsAreTheJavaCatalogues() {
        SoftAssertions soft = new SoftAssertions();
        for (Row row : bucketRows) {
            soft.assertThat(normalise(row.cells().get(0)))
                    .as(row.metric() + ": aggregation column of " + DOC)
                    .isEqualTo(Metric.byName(row.metric()).aggregation().name().toLowerCase(Locale.ROOT));
        }
        soft.assertAll();
    }

    @Test
    void snapshotMetricsAreTheSameWithTheSameSql() {
        Map<String, String> expected = new LinkedHashMap<>();
        for (JsonNode d : definitions.path("snapshot_metrics")) {
            expected.put(d.path("metric").asText(), normalise(d.path("sql").asText()));
        }
        assertThat(names(snapshotRows))
                .as("snapshot metrics in " + DOC + " vs definitions.json")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        SoftAssertions soft = new SoftAssertions();
        for (Row row : snapshotRows) {
            if (expected.containsKey(row.metric())) {
                soft.assertThat(firstCode(row.cells().get(0)))
                        .as(row.metric() + " in " + DOC)
                        .isEqualTo(expected.get(row.metric()));
            }
        }
        soft.assertAll();
    }

    @Test
    void cohortTablesHaveTheSameSql() throws IOException {
        String doc = Files.readString(catalogue(), StandardCharsets.UTF_8);
        List<String> tables = new ArrayList<>();
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode d : definitions.path("cohort_tables")) {
            String table = d.path("table").asText();
            tables.add(table);
            Matcher block = Pattern.compile("### `" + Pattern.quote(table) + "`[^#]*?```sql\\n(.*?)```", Pattern.DOTALL)
                    .matcher(doc);
            boolean found = block.find();
            soft.assertThat(found)
                    .as(DOC + " has a section on " + table + " with its SQL")
                    .isTrue();
            if (found) {
                soft.assertThat(normalise(block.group(1)))
                        .as(table + " in " + DOC)
                        .isEqualTo(normalise(d.path("sql").asText()));
            }
        }
        soft.assertAll();
        assertThat(tables)
                .as("the cohort batch's tables in definitions.json")
                .containsExactlyInAnyOrder(
                        "mart.rider_cohort_retention",
                        "mart.driver_cohort_retention",
                        "mart.rider_signup_retention",
                        "mart.driver_signup_retention",
                        "mart.driver_daily_productivity");
    }

    /** Metric name to its SQL as the catalogue must state it; null for a health metric (no source definition). */
    private static Map<String, String> expectedBucketSql() {
        Map<String, String> sql = new LinkedHashMap<>();
        for (JsonNode d : definitions.path("bucket_metrics")) {
            String metric = d.path("metric").asText();
            String kind = d.path("kind").asText();
            if (kind.equals("health")) {
                sql.put(metric, null);
            } else if (kind.equals("ratio")) {
                sql.put(
                        metric,
                        d.path("numerator").asText() + " / "
                                + d.path("denominator").asText());
            } else {
                sql.put(
                        metric,
                        normalise("SELECT " + d.path("value").asText() + " FROM "
                                + d.path("table").asText() + " WHERE "
                                + d.path("time").asText() + " ∈ B"));
            }
        }
        return sql;
    }

    /**
     * Collects the rows of the catalogue's tables, told apart by their header: {@code | metric | aggregation |
     * definition for bucket B |} for bucket metrics, {@code | metric | definition |} for current-state ones. Other
     * tables (the heatmap's columns) and rows that do not name one metric are skipped.
     */
    private static void parse(List<String> lines) {
        List<Row> target = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("|")) {
                target = null;
                continue;
            }
            List<String> cells = cells(line);
            boolean header = i + 1 < lines.size() && lines.get(i + 1).strip().matches("\\|[\\s:|-]+\\|");
            if (header) {
                List<String> h =
                        cells.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
                target = h.size() == 3 && h.get(0).equals("metric") && h.get(1).equals("aggregation")
                        ? bucketRows
                        : h.size() == 2 && h.get(0).equals("metric") && h.get(1).equals("definition")
                                ? snapshotRows
                                : null;
                i++; // the separator
                continue;
            }
            Matcher name = NAME.matcher(cells.get(0));
            if (target != null && name.matches()) {
                target.add(new Row(name.group(1), cells.subList(1, cells.size())));
            }
        }
        assertThat(bucketRows).as("bucket metric tables in " + DOC).isNotEmpty();
        assertThat(snapshotRows).as("current-state table in " + DOC).isNotEmpty();
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    private static List<String> names(List<Row> rows) {
        return rows.stream().map(Row::metric).toList();
    }

    private static String firstCode(String cell) {
        Matcher m = CODE.matcher(cell);
        return m.find() ? normalise(m.group(1)) : null;
    }

    private static String normalise(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    /** The catalogue in the checkout: from the working directory (a module's, under Maven) upwards. */
    private static Path catalogue() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve(DOC);
            if (Files.isRegularFile(doc)) {
                return doc;
            }
        }
        return fail("no " + DOC + " in " + Path.of("").toAbsolutePath() + " or any directory above it");
    }
}
