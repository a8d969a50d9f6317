package dev.rideops.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A regression gate of {@code bench compare A B}: {@code METRIC=+N%} (or {@code -N%}) fails when B is worse than A by
 * more than N percent, in the direction that is worse for the metric (up for latency and CPU, down for the rate). The
 * sign may be left out; a sign that points the good way is refused, as it would gate nothing.
 */
public record FailIf(Metric metric, double percent) {

    /** What can be gated: the result.json figure and which way is worse. */
    public enum Metric {
        P50("p50", "/latency_ms/snapshot/p50", true),
        P95("p95", "/latency_ms/snapshot/p95", true),
        P99("p99", "/latency_ms/snapshot/p99", true),
        P999("p999", "/latency_ms/snapshot/p999", true),
        INTENDED_P99("intended_p99", "/latency_ms/snapshot_intended/p99", true),
        SEARCH_P99("search_p99", "/latency_ms/search/p99", true),
        ACHIEVED_EPS("achieved_eps", "/achieved_eps", false),
        CORES_PER_1K_EPS("cores_per_1k_eps", "/cores_per_1k_eps", true);

        private final String flagName;
        private final String pointer;
        private final boolean higherIsWorse;

        Metric(String flagName, String pointer, boolean higherIsWorse) {
            this.flagName = flagName;
            this.pointer = pointer;
            this.higherIsWorse = higherIsWorse;
        }

        @Override
        public String toString() {
            return flagName;
        }
    }

    /** How B compares under this gate: within it, beyond it (a regression), or not judged (a figure is missing). */
    public enum Outcome {
        WITHIN,
        REGRESSED,
        NOT_JUDGED
    }

    public record Verdict(Outcome outcome, String text) {}

    private static final Pattern FORM = Pattern.compile("([a-z0-9_]+)=([+-]?)([0-9]+(?:\\.[0-9]+)?)%");

    /** The gate, or an IllegalArgumentException whose message says what is wrong and what would do. */
    public static FailIf parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not METRIC=+N% (e.g. p99=+10%, achieved_eps=-2%)");
        }
        Metric metric = Stream.of(Metric.values())
                .filter(x -> x.flagName.equals(m.group(1)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + m.group(1) + "'; known: "
                        + Stream.of(Metric.values()).map(Metric::toString).collect(Collectors.joining(", "))));
        String sign = m.group(2);
        String worse = metric.higherIsWorse ? "+" : "-";
        if (!sign.isEmpty() && !sign.equals(worse)) {
            throw new IllegalArgumentException(
                    metric + " gets worse as it " + (metric.higherIsWorse ? "rises" : "falls") + "; write " + metric
                            + "=" + worse + m.group(3) + "%");
        }
        return new FailIf(metric, Double.parseDouble(m.group(3)));
    }

    /** B against A: how much worse B is, and whether that is beyond the gate. */
    public Verdict judge(JsonNode a, JsonNode b) {
        JsonNode x = a.at(metric.pointer);
        JsonNode y = b.at(metric.pointer);
        if (!x.isNumber() || !y.isNumber()) {
            return new Verdict(
                    Outcome.NOT_JUDGED, metric + " is not in " + (!x.isNumber() ? "A" : "B") + ", so it is not judged");
        }
        double before = x.asDouble();
        double after = y.asDouble();
        double change = percentChange(before, after);
        double worse = metric.higherIsWorse ? change : -change;
        String text = String.format(
                Locale.ROOT,
                "%s %s -> %s (%+.1f %%, limit %s%s %%)",
                metric,
                figure(before),
                figure(after),
                change,
                metric.higherIsWorse ? "+" : "-",
                figure(percent));
        return new Verdict(worse > percent ? Outcome.REGRESSED : Outcome.WITHIN, text);
    }

    private static double percentChange(double before, double after) {
        if (before == after) {
            return 0;
        }
        // from 0 any change is without bound
        return before == 0 ? Math.copySign(Double.POSITIVE_INFINITY, after) : (after - before) / Math.abs(before) * 100;
    }

    private static String figure(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }
}
