package dev.rideops.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.cli.batch.BatchRun;
import dev.rideops.contract.CohortBatchContract;
import dev.rideops.contract.JobJar;
import dev.rideops.contract.JobResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code verify --cohorts}: recomputes the cohort batch's rows for each day it has DONE with the SQL the job jar
 * ships ({@code cohort_tables} of {@code kpi/definitions.json}), with the rules that day's run recorded, and
 * compares them with the mart by key: counts exactly, hours and ratios within 1e-6 relative.
 */
public final class CohortCheck {

    /** One table's definition: its key columns and the SQL that gives the rows day {@code :day} owns. */
    public record Definition(String table, List<String> key, String sql) {

        /** The mart's rows that day {@code D} owns. */
        String martSql() {
            String owned = key.contains("day_offset") ? "cohort_date + day_offset = ?" : "day = ?";
            return "SELECT * FROM " + table + " WHERE " + owned;
        }
    }

    /** A row: its key values (as text) and its other columns (as numbers, null when SQL NULL). */
    record Row(Map<String, Double> values, Set<String> exact) {}

    private static final Pattern PARAM = Pattern.compile(":(day|churn_days|max_day_offset|online_gap_seconds)\\b");

    private final List<Definition> definitions;

    public CohortCheck(List<Definition> definitions) {
        this.definitions = definitions;
    }

    public static CohortCheck fromJobJar(Path jar) {
        try {
            return new CohortCheck(parse(JobJar.at(jar).json(JobResources.KPI_DEFINITIONS)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Definition> parse(JsonNode definitions) {
        List<Definition> list = new ArrayList<>();
        for (JsonNode d : definitions.path(CohortBatchContract.DEFINITIONS_SECTION)) {
            List<String> key = new ArrayList<>();
            d.path("key").forEach(k -> key.add(k.asText()));
            list.add(new Definition(d.path("table").asText(), key, d.path("sql").asText()));
        }
        return list;
    }

    /** One result per table over the given DONE days. */
    public List<CheckResult> check(Connection source, Connection reporting, List<BatchRun> days) throws SQLException {
        List<CheckResult> results = new ArrayList<>();
        for (Definition d : definitions) {
            long checked = 0;
            long mismatches = 0;
            String worst = "";
            Mismatch.First mismatched = new Mismatch.First();
            for (BatchRun day : days) {
                Map<String, Row> expected = expected(source, d, day);
                Map<String, Row> actual = read(reporting, d, day.day());
                Comparison c = compare(expected, actual);
                checked += Math.max(expected.size(), actual.size());
                mismatches += c.mismatches();
                c.mismatched()
                        .forEach(m -> mismatched.add(m.under("day", day.day().toString())));
                if (worst.isEmpty() && !c.example().isEmpty()) {
                    worst = day.day() + " " + c.example();
                }
            }
            results.add(new CheckResult("cohorts", d.table(), checked, mismatches, worst, mismatched.list()));
        }
        return results;
    }

    /** {@code mismatched}: the first differing rows; a row's first differing column, or its values when missing. */
    record Comparison(long mismatches, String example, List<Mismatch> mismatched) {}

    /** Rows compared by key: a missing, an extra and a differing row each count once. */
    static Comparison compare(Map<String, Row> expected, Map<String, Row> actual) {
        long mismatches = 0;
        String example = "";
        Mismatch.First mismatched = new Mismatch.First();
        Map<String, Row> all = new TreeMap<>(expected);
        actual.forEach(all::putIfAbsent);
        for (String key : all.keySet()) {
            Row want = expected.get(key);
            Row got = actual.get(key);
            String difference = null;
            Mismatch row = null;
            if (want == null) {
                difference = key + ": in the mart, not in the source";
                row = new Mismatch(Mismatch.key("row", key), null, got.values());
            } else if (got == null) {
                difference = key + ": missing from the mart";
                row = new Mismatch(Mismatch.key("row", key), want.values(), null);
            } else {
                for (Map.Entry<String, Double> e : want.values().entrySet()) {
                    Double a = got.values().get(e.getKey());
                    double diff = Tolerance.difference(e.getValue(), a);
                    boolean ok = want.exact().contains(e.getKey()) ? diff == 0 : diff <= Tolerance.RELATIVE;
                    if (!ok) {
                        difference = key + " " + e.getKey() + ": source " + e.getValue() + ", mart " + a;
                        row = new Mismatch(Mismatch.key("row", key, "column", e.getKey()), e.getValue(), a);
                        break;
                    }
                }
            }
            if (difference != null) {
                mismatches++;
                mismatched.add(row);
                if (example.isEmpty()) {
                    example = difference;
                }
            }
        }
        return new Comparison(mismatches, example, mismatched.list());
    }

    private static Map<String, Row> expected(Connection source, Definition d, BatchRun day) throws SQLException {
        List<Object> params = new ArrayList<>();
        Matcher m = PARAM.matcher(d.sql());
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            switch (name) {
                case "day" -> {
                    m.appendReplacement(sql, "CAST(? AS date)");
                    params.add(day.day());
                }
                case "churn_days" -> {
                    m.appendReplacement(sql, "CAST(? AS integer)");
                    params.add(rule(day.churnDays(), CohortBatchContract.DEFAULT_CHURN_DAYS));
                }
                case "max_day_offset" -> {
                    m.appendReplacement(sql, "CAST(? AS integer)");
                    params.add(rule(day.maxDayOffset(), CohortBatchContract.DEFAULT_MAX_DAY_OFFSET));
                }
                default -> {
                    m.appendReplacement(sql, "CAST(? AS integer)");
                    params.add(rule(day.onlineGapSeconds(), CohortBatchContract.DEFAULT_ONLINE_GAP_SECONDS));
                }
            }
        }
        m.appendTail(sql);
        try (PreparedStatement s = source.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                return rows(rs, d.key());
            }
        }
    }

    private static int rule(Integer recorded, int fallback) {
        return recorded == null ? fallback : recorded;
    }

    private static Map<String, Row> read(Connection reporting, Definition d, LocalDate day) throws SQLException {
        try (PreparedStatement s = reporting.prepareStatement(d.martSql())) {
            s.setObject(1, day);
            try (ResultSet rs = s.executeQuery()) {
                return rows(rs, d.key());
            }
        }
    }

    private static Map<String, Row> rows(ResultSet rs, List<String> key) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Row> rows = new LinkedHashMap<>();
        while (rs.next()) {
            StringBuilder k = new StringBuilder();
            Map<String, Double> values = new LinkedHashMap<>();
            Set<String> exact = new java.util.HashSet<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String column = meta.getColumnLabel(i);
                if (key.contains(column)) {
                    k.append(k.length() == 0 ? "" : " ")
                            .append(column)
                            .append('=')
                            .append(rs.getString(i));
                    continue;
                }
                Object v = rs.getObject(i);
                values.put(column, v == null ? null : ((Number) v).doubleValue());
                int type = meta.getColumnType(i);
                if (type == Types.BIGINT || type == Types.INTEGER) {
                    exact.add(column);
                }
            }
            rows.put(k.toString(), new Row(values, exact));
        }
        return rows;
    }
}
