package dev.rideops.cli.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GaugesTest {

    @Test
    void eachFamilyHasItsHelpAndTypeOnceThenItsSamples() {
        Map<String, String> snapshot = Map.of("table", "latest_metric_snapshot");
        Map<String, String> facts = Map.of("table", "fact_metric_bucket");
        String text = new Gauges()
                .gauge("rideops_mart_age_seconds", "Seconds behind.", snapshot, 2.5)
                .gauge("rideops_mart_age_seconds", "ignored: the first help stays", facts, 0)
                .gauge("rideops_disk_free_bytes", "Free bytes.", 123_456_789_012L)
                .text();

        assertThat(text)
                .containsOnlyOnce("# HELP rideops_mart_age_seconds Seconds behind.\n")
                .containsOnlyOnce("# TYPE rideops_mart_age_seconds gauge\n")
                .contains("# TYPE rideops_disk_free_bytes gauge\n")
                .doesNotContain("ignored");
        assertThat(samples(text))
                .containsEntry("rideops_mart_age_seconds{table=\"latest_metric_snapshot\"}", 2.5)
                .containsEntry("rideops_mart_age_seconds{table=\"fact_metric_bucket\"}", 0.0)
                .containsEntry("rideops_disk_free_bytes", 123_456_789_012d);
    }

    @Test
    void labelValuesAreEscapedAndSpecialValuesSpelledAsPrometheusReadsThem() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("path", "C:\\x \"quoted\"\nnext");
        labels.put("topic", "rideops.dlq");
        String text = new Gauges()
                .gauge("m", "help", labels, Double.NaN)
                .gauge("n", "help", Double.POSITIVE_INFINITY)
                .text();

        assertThat(text)
                .contains("m{path=\"C:\\\\x \\\"quoted\\\"\\nnext\",topic=\"rideops.dlq\"} NaN\n")
                .contains("n +Inf\n");
    }

    @Test
    void samplesFromPartsAreMergedIntoOneFamily() {
        Gauges a = new Gauges().gauge("rideops_exporter_source_up", "up", Map.of("source", "mart"), 1);
        Gauges b = new Gauges().gauge("rideops_exporter_source_up", "up", Map.of("source", "kafka"), 0);

        String text = a.addAll(b).text();

        assertThat(text).containsOnlyOnce("# TYPE rideops_exporter_source_up gauge");
        assertThat(samples(text))
                .containsEntry("rideops_exporter_source_up{source=\"mart\"}", 1.0)
                .containsEntry("rideops_exporter_source_up{source=\"kafka\"}", 0.0);
    }

    /** A total counted elsewhere is a counter, so Prometheus reads its drops as resets; its name gains _total. */
    @Test
    void aCounterIsServedAsOneWithItsTotalSuffixAndNeverMixedWithAGauge() {
        Gauges part = new Gauges()
                .counter("rideops_source_row_changes", "Row changes.", Map.of("table", "public.ratings"), 42);
        String text = new Gauges()
                .gauge("rideops_disk_free_bytes", "x", 1)
                .addAll(part)
                .text();

        assertThat(text).contains("# TYPE rideops_source_row_changes_total counter\n");
        assertThat(samples(text)).containsEntry("rideops_source_row_changes_total{table=\"public.ratings\"}", 42.0);
        assertThatThrownBy(() -> part.gauge("rideops_source_row_changes", "x", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Two samples with the same labels would make Prometheus reject the whole scrape: refused here instead. */
    @Test
    void aSampleGivenTwiceIsRefused() {
        Gauges twice = new Gauges()
                .gauge("rideops_consumer_lag_records", "x", Map.of("topic", "t"), 1)
                .gauge("rideops_consumer_lag_records", "x", Map.of("topic", "t"), 2);
        assertThatThrownBy(twice::snapshots).isInstanceOf(IllegalArgumentException.class);
    }

    /** Each sample's value by its name and labels as written, however the writer spells the number. */
    static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> {
            int space = l.lastIndexOf(' ');
            samples.put(l.substring(0, space), Double.parseDouble(l.substring(space + 1)));
        });
        return samples;
    }
}
