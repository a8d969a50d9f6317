package dev.rideops.cli.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionTest {

    @Test
    void eachFamilyHasItsHelpAndTypeOnceThenItsSamples() {
        Map<String, String> snapshot = Map.of("table", "latest_metric_snapshot");
        Map<String, String> facts = Map.of("table", "fact_metric_bucket");
        String text = new Exposition()
                .gauge("rideops_mart_age_seconds", "Seconds behind.", snapshot, 2.5)
                .gauge("rideops_mart_age_seconds", "ignored: the first help stays", facts, 0)
                .gauge("rideops_disk_free_bytes", "Free bytes.", 123_456_789_012L)
                .text();

        assertThat(text)
                .isEqualTo("# HELP rideops_mart_age_seconds Seconds behind.\n"
                        + "# TYPE rideops_mart_age_seconds gauge\n"
                        + "rideops_mart_age_seconds{table=\"latest_metric_snapshot\"} 2.5\n"
                        + "rideops_mart_age_seconds{table=\"fact_metric_bucket\"} 0\n"
                        + "# HELP rideops_disk_free_bytes Free bytes.\n"
                        + "# TYPE rideops_disk_free_bytes gauge\n"
                        + "rideops_disk_free_bytes 123456789012\n");
    }

    @Test
    void labelValuesAndHelpAreEscapedAndSpecialValuesSpelledAsPrometheusReadsThem() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("path", "C:\\x \"quoted\"\nnext");
        labels.put("topic", "rideops.dlq");
        String text = new Exposition()
                .gauge("m", "a \\ and a\nnewline", labels, Double.NaN)
                .text();

        assertThat(text)
                .contains("# HELP m a \\\\ and a\\nnewline\n")
                .contains("m{path=\"C:\\\\x \\\"quoted\\\"\\nnext\",topic=\"rideops.dlq\"} NaN\n");
        assertThat(Exposition.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(Exposition.number(0.125)).isEqualTo("0.125");
        assertThat(Exposition.number(-3)).isEqualTo("-3");
    }

    @Test
    void aNameOutsidePrometheusSyntaxIsRefused() {
        assertThatThrownBy(() -> new Exposition().gauge("rideops-match-rate", "x", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rideops-match-rate");
    }
}
