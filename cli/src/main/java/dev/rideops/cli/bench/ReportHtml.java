package dev.rideops.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * report.html: the run's headline figures and steps as tables, and charts ({@link ReportCharts}) drawn by ECharts,
 * which the file carries inline with the chart data, so it needs nothing from the network.
 */
final class ReportHtml {

    private static final Pattern SCRIPT_END = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

    private ReportHtml() {}

    static String render(BenchResult result, LatencyLogs histograms, ObjectMapper json) {
        List<ReportCharts.Chart> charts = ReportCharts.of(result, histograms);
        StringBuilder html = new StringBuilder(
                        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>rideops bench ")
                .append(escape(result.startedAt()))
                .append("</title><style>body{font-family:sans-serif;margin:2em auto;max-width:1000px;padding:0 1em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;"
                        + "text-align:right}.chart{width:100%;height:340px}</style></head><body><h1>rideops bench</h1>")
                .append(summary(result))
                .append(steps(result));
        for (ReportCharts.Chart c : charts) {
            chart(html, "h2", c);
        }
        html.append("<h2>Machine and method</h2>").append(about(result));
        return withScripts(html, json, charts);
    }

    /** Ends the page: ECharts, the charts' data and report.js that draws them, all inline. */
    private static String withScripts(StringBuilder html, ObjectMapper json, List<ReportCharts.Chart> charts) {
        html.append("<script>").append(inline(EchartsScript.source())).append("</script>");
        html.append("<script>const REPORT = ")
                .append(inline(data(json, charts)))
                .append(";</script>");
        html.append("<script>").append(inline(resource("report.js"))).append("</script>");
        return html.append("</body></html>\n").toString();
    }

    /** A chart's heading (h2 or h3) and the element its script draws it in. */
    private static void chart(StringBuilder html, String heading, ReportCharts.Chart c) {
        html.append('<')
                .append(heading)
                .append('>')
                .append(escape(c.title()))
                .append("</")
                .append(heading)
                .append("><div class=\"chart\" id=\"")
                .append(c.id())
                .append("\"></div>");
    }

    /**
     * A chaos suite's report: a summary, the table of faults (recovery times and verdicts), the ramp's charts and
     * steps when it ran, and each fault's timeline with its window shaded.
     */
    static String renderSuite(
            String title,
            String summary,
            List<String> header,
            List<String[]> rows,
            BenchRun.Measured ramp,
            List<ReportCharts.Chart> faultCharts,
            ObjectMapper json) {
        List<ReportCharts.Chart> charts = new ArrayList<>();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(title))
                .append("</title><style>body{font-family:sans-serif;margin:2em auto;max-width:1000px;padding:0 1em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;"
                        + "text-align:right}.chart{width:100%;height:340px}</style></head><body><h1>")
                .append(escape(title))
                .append("</h1><p>")
                .append(escape(summary))
                .append("</p><h2>Faults</h2><table><tr>");
        header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>");
        for (String[] row : rows) {
            html.append("<tr>");
            for (String cell : row) {
                html.append("<td>").append(escape(cell == null ? "" : cell)).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
        if (ramp != null) {
            html.append("<h2>Ramp</h2>").append(summary(ramp.result())).append(steps(ramp.result()));
            for (ReportCharts.Chart c : ReportCharts.of(ramp.result(), ramp.histograms())) {
                charts.add(c);
                chart(html, "h3", c);
            }
        }
        html.append("<h2>Fault timelines</h2>");
        for (ReportCharts.Chart c : faultCharts) {
            charts.add(c);
            chart(html, "h3", c);
        }
        if (ramp != null) {
            html.append("<h2>Machine and method</h2>").append(about(ramp.result()));
        }
        return withScripts(html, json, charts);
    }

    private static String summary(BenchResult r) {
        StringBuilder p = new StringBuilder(r.mode() + " run started " + r.startedAt() + ", workload " + r.workload()
                + String.format(
                        Locale.ROOT,
                        "; warm-up %.0f s, %s",
                        r.warmupSeconds(),
                        r.warmupSteady() ? "steady" : "not steady when it ended"));
        if (r.coresPer1kEps() != null) {
            p.append(String.format(Locale.ROOT, "; %.3f cores per 1,000 changes/s", r.coresPer1kEps()));
        }
        if (r.sloPassed() != null) {
            p.append(r.sloPassed() ? "; SLO met" : "; SLO missed: " + String.join("; ", r.sloMisses()));
        }
        p.append("; verify ").append(r.verifyPassed() == null ? "not run" : r.verifyPassed() ? "passed" : "FAILED");
        if (r.batch() != null) {
            p.append("; ").append(BatchUnderLoad.describe(r.batch())).append(" (shaded)");
        }
        return "<p>" + escape(p.toString()) + "</p>";
    }

    private static String steps(BenchResult result) {
        StringBuilder t = new StringBuilder("<table><tr><th>target/s</th><th>achieved/s</th><th>warm-up</th>"
                + "<th>snapshot p50 / p99 / p99.9 / max (ms)</th><th>from intended p50 / p99 / p99.9 / max (ms)</th>"
                + "<th>search p50 / p99 / p99.9 / max (ms)</th><th>commit &rarr; Kafka p50 / p99 / p99.9 / max (ms)</th>"
                + "<th>Kafka &rarr; snapshot p50 / p99 / p99.9 / max (ms)</th>"
                + "<th>Kafka &rarr; search p50 / p99 / p99.9 / max (ms)</th><th>max lag</th><th>lag bounded</th>"
                + "<th>cores per 1k/s</th></tr>");
        for (StepResult s : result.steps()) {
            t.append("<tr><td>")
                    .append(s.targetEps())
                    .append("</td><td>")
                    .append(s.achievedEps())
                    .append("</td><td>")
                    .append(String.format(
                            Locale.ROOT, "%.0f s, %s", s.warmupSeconds(), s.warmupSteady() ? "steady" : "not steady"))
                    .append("</td><td>")
                    .append(figures(s.latencyMs().snapshot()))
                    .append("</td><td>")
                    .append(figures(s.latencyMs().snapshotIntended()))
                    .append("</td><td>")
                    .append(figures(s.latencyMs().search()))
                    .append("</td><td>")
                    .append(figures(s.latencyMs().kafka()))
                    .append("</td><td>")
                    .append(figures(s.latencyMs().snapshotFromKafka()))
                    .append("</td><td>")
                    .append(figures(s.latencyMs().searchFromKafka()))
                    .append("</td><td>")
                    .append(s.maxConsumerLag())
                    .append("</td><td>")
                    .append(s.lagBounded())
                    .append("</td><td>")
                    .append(s.coresPer1kEps() == null ? "-" : s.coresPer1kEps())
                    .append("</td></tr>");
        }
        return t.append("</table>").toString();
    }

    private static String about(BenchResult result) {
        StringBuilder ul = new StringBuilder("<ul>");
        for (Map.Entry<String, Object> e : result.machine().entrySet()) {
            ul.append("<li>").append(escape(e.getKey() + ": " + e.getValue())).append("</li>");
        }
        for (String m : result.method()) {
            ul.append("<li>").append(escape(m)).append("</li>");
        }
        return ul.append("</ul>").toString();
    }

    private static String figures(Percentiles p) {
        return p.count() == 0 ? "-" : p.p50() + " / " + p.p99() + " / " + p.p999() + " / " + p.max();
    }

    private static String data(ObjectMapper json, List<ReportCharts.Chart> charts) {
        try {
            return json.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Map.of("charts", charts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report's chart data", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ReportHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report's " + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /**
     * A script's text may not close its element: a {@code </script} inside it (in a string) would end the script
     * early. {@code <\/script} is the same string to JavaScript and JSON.
     */
    static String inline(String script) {
        return SCRIPT_END.matcher(script).replaceAll("<\\\\/$1");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
