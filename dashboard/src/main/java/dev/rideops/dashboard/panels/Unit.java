package dev.rideops.dashboard.panels;

/** A panel's unit: how the built-in pages suffix a value, and Grafana's unit id for the same. */
public enum Unit {
    COUNT("", "short"),
    RATIO("%", "percentunit"),
    SECONDS("s", "s"),
    MILLISECONDS("ms", "ms"),
    MONEY("", "none"),
    KILOMETRES("km", "lengthkm"),
    KMH("km/h", "velocitykmh"),
    STARS("★", "none"),
    RECORDS("records", "short"),
    CORES("cores", "short"),
    BYTES("B", "bytes");

    private final String suffix;
    private final String grafana;

    Unit(String suffix, String grafana) {
        this.suffix = suffix;
        this.grafana = grafana;
    }

    public String suffix() {
        return suffix;
    }

    public String grafana() {
        return grafana;
    }
}
