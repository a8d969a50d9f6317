package dev.rideops.cli.exporter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics in Prometheus's text exposition format (version 0.0.4): each family's HELP and TYPE once, then its
 * samples. Only gauges: every figure here is read afresh on each scrape, none is counted by this process.
 */
public final class Exposition {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private record Sample(Map<String, String> labels, double value) {}

    private record Family(String help, List<Sample> samples) {}

    private final Map<String, Family> families = new LinkedHashMap<>();

    public Exposition gauge(String name, String help, double value) {
        return gauge(name, help, Map.of(), value);
    }

    /** Adds a sample; the family's help is the first one given. Labels keep the order of the map. */
    public Exposition gauge(String name, String help, Map<String, String> labels, double value) {
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        families.computeIfAbsent(name, n -> new Family(help, new ArrayList<>()))
                .samples()
                .add(new Sample(new LinkedHashMap<>(labels), value));
        return this;
    }

    /** Adds every sample of {@code other}, after those already here. */
    public Exposition addAll(Exposition other) {
        other.families.forEach((name, family) -> families.computeIfAbsent(
                        name, n -> new Family(family.help(), new ArrayList<>()))
                .samples()
                .addAll(family.samples()));
        return this;
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        families.forEach((name, family) -> {
            text.append("# HELP ")
                    .append(name)
                    .append(' ')
                    .append(family.help().replace("\\", "\\\\").replace("\n", "\\n"))
                    .append('\n');
            text.append("# TYPE ").append(name).append(" gauge\n");
            for (Sample s : family.samples()) {
                text.append(name);
                if (!s.labels().isEmpty()) {
                    text.append('{');
                    String separator = "";
                    for (Map.Entry<String, String> label : s.labels().entrySet()) {
                        text.append(separator)
                                .append(label.getKey())
                                .append("=\"")
                                .append(escape(label.getValue()))
                                .append('"');
                        separator = ",";
                    }
                    text.append('}');
                }
                text.append(' ').append(number(s.value())).append('\n');
            }
        });
        return text.toString();
    }

    private static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Whole numbers without a fraction (byte counts stay exact); the special values as Prometheus spells them. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
