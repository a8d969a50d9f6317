package dev.rideops.contract;

/**
 * What the job jar carries besides code, read by the job itself and by its deployers from the jar they deploy, so
 * the schema, the index mappings and the oracle's definitions always come from the same build as the job.
 */
public final class JobResources {

    /** The SQL definition of every metric over the source tables ({@code rideops verify}'s oracle). */
    public static final String KPI_DEFINITIONS = "kpi/definitions.json";
    /** The mapping shared by {@code driver_locations} and the time-series indexes. */
    public static final String SEARCH_MAPPING = "search/driver_locations_mapping.json";
    /** Settings per index: the time series refreshes less often than the newest positions. */
    public static final String SEARCH_SETTINGS = "search/index_settings.json";
    /** Flyway migrations of the reporting mart. */
    public static final String REPORTING_MIGRATIONS = "db/reporting";

    private JobResources() {}
}
