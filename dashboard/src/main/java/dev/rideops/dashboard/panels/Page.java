package dev.rideops.dashboard.panels;

/** The dashboard's pages, each answering one question; {@link #path()} is its URL path and Grafana row. */
public enum Page {
    OVERVIEW("overview", "Overview"),
    SUPPLY_DEMAND("supply-demand", "Supply and demand"),
    DRIVERS("drivers", "Drivers"),
    INFRASTRUCTURE("infrastructure", "Infrastructure"),
    DATA_QUALITY("data-quality", "Data quality"),
    COHORTS("cohorts", "Cohorts");

    private final String path;
    private final String title;

    Page(String path, String title) {
        this.path = path;
        this.title = title;
    }

    public String path() {
        return path;
    }

    public String title() {
        return title;
    }
}
