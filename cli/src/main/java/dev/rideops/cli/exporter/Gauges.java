package dev.rideops.cli.exporter;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
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
 * One scrape's figures as Prometheus client snapshots: metric families, each with its help (the first given) and
 * its samples. Mostly gauges: every figure is read afresh on each scrape, none is counted by this process; a total
 * another system counts (the source database's row changes per table) is served as the counter it is, so Prometheus's
 * {@code increase()} and {@code rate()} read its resets as resets. The Prometheus Java client checks names and labels
 * and writes the exposition formats.
 */
public final class Gauges {

    private record Family(String help, boolean counter, List<DataPointSnapshot> points) {}

    private final Map<String, Family> families = new LinkedHashMap<>();

    public Gauges gauge(String name, String help, double value) {
        return gauge(name, help, Map.of(), value);
    }

    /** Adds a sample; the family's help is the first one given. */
    public Gauges gauge(String name, String help, Map<String, String> labels, double value) {
        return add(
                name,
                help,
                false,
                GaugeDataPointSnapshot.builder()
                        .labels(labels(labels))
                        .value(value)
                        .build());
    }

    /**
     * Adds a counter's sample, read from the system that counts it.
     *
     * @param name without the {@code _total} the exposition formats add
     */
    public Gauges counter(String name, String help, Map<String, String> labels, double value) {
        return add(
                name,
                help,
                true,
                CounterDataPointSnapshot.builder()
                        .labels(labels(labels))
                        .value(value)
                        .build());
    }

    private static Labels labels(Map<String, String> labels) {
        Labels.Builder l = Labels.builder();
        labels.forEach(l::label);
        return l.build();
    }

    private Gauges add(String name, String help, boolean counter, DataPointSnapshot point) {
        Family family = families.computeIfAbsent(name, n -> new Family(help, counter, new ArrayList<>()));
        if (family.counter() != counter) {
            throw new IllegalArgumentException(name + " is served both as a gauge and as a counter");
        }
        family.points().add(point);
        return this;
    }

    /** Adds every sample of {@code other}, after those already here. */
    public Gauges addAll(Gauges other) {
        other.families.forEach(
                (name, family) -> family.points().forEach(point -> add(name, family.help(), family.counter(), point)));
        return this;
    }

    /** @throws IllegalArgumentException for a name outside Prometheus's syntax or a sample given twice */
    public MetricSnapshots snapshots() {
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        families.forEach((name, family) -> {
            MetricMetadata metadata = new MetricMetadata(name, family.help());
            all.metricSnapshot(
                    family.counter()
                            ? new CounterSnapshot(metadata, points(family, CounterDataPointSnapshot.class))
                            : new GaugeSnapshot(metadata, points(family, GaugeDataPointSnapshot.class)));
        });
        return all.build();
    }

    private static <T extends DataPointSnapshot> List<T> points(Family family, Class<T> type) {
        return family.points().stream().map(type::cast).toList();
    }

    /** Prometheus's text format (0.0.4), as a scrape without an Accept header gets it. */
    public String text() {
        return PrometheusTextFormatWriter.create().toDebugString(snapshots());
    }
}
