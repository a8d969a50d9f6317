package dev.rideops.cli.exporter;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scrape's figures as Prometheus client snapshots: gauge families, each with its help (the first given) and
 * its samples. Only gauges: every figure is read afresh on each scrape, none is counted by this process. The
 * Prometheus Java client checks names and labels and writes the exposition formats.
 */
public final class Gauges {

    private record Family(String help, List<GaugeDataPointSnapshot> points) {}

    private final Map<String, Family> families = new LinkedHashMap<>();

    public Gauges gauge(String name, String help, double value) {
        return gauge(name, help, Map.of(), value);
    }

    /** Adds a sample; the family's help is the first one given. */
    public Gauges gauge(String name, String help, Map<String, String> labels, double value) {
        Labels.Builder l = Labels.builder();
        labels.forEach(l::label);
        GaugeDataPointSnapshot point =
                GaugeDataPointSnapshot.builder().labels(l.build()).value(value).build();
        families.computeIfAbsent(name, n -> new Family(help, new ArrayList<>()))
                .points()
                .add(point);
        return this;
    }

    /** Adds every sample of {@code other}, after those already here. */
    public Gauges addAll(Gauges other) {
        other.families.forEach((name, family) -> families.computeIfAbsent(
                        name, n -> new Family(family.help(), new ArrayList<>()))
                .points()
                .addAll(family.points()));
        return this;
    }

    /** @throws IllegalArgumentException for a name outside Prometheus's syntax or a sample given twice */
    public MetricSnapshots snapshots() {
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        families.forEach((name, family) ->
                all.metricSnapshot(new GaugeSnapshot(new MetricMetadata(name, family.help()), family.points())));
        return all.build();
    }

    /** Prometheus's text format (0.0.4), as a scrape without an Accept header gets it. */
    public String text() {
        return PrometheusTextFormatWriter.create().toDebugString(snapshots());
    }
}
