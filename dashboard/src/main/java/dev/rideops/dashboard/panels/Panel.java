package dev.rideops.dashboard.panels;

/**
 * One panel of the dashboard: what it shows and the one query that feeds it. The built-in pages, the Grafana
 * dashboard and the Kibana saved objects are all generated from these, so they cannot drift apart.
 *
 * <p>SQL queries read only {@code mart.*} and are written with Grafana's PostgreSQL macros, which the built-in
 * server expands the same way: {@code $__timeFilter(col)}, {@code $__timeFrom()}, {@code $__timeTo()}, the bucket
 * view suffix {@code $bucket} ({@code minute} or {@code hour}) and the city {@code '$city'} ({@code ''} for all).
 * PromQL queries are range queries over the selected time range. A search panel's query is the index pattern it
 * reads.
 *
 * @param id stable identifier, used in URLs ({@code /api/panels/ID}) and in the exports
 * @param headline shown as a tile with a sparkline at the top of its page
 * @param tile what the headline's tile shows, when not the newest row of the panel's own query; null otherwise
 */
public record Panel(
        String id,
        String title,
        Group group,
        Page page,
        Kind kind,
        Source source,
        String query,
        Unit unit,
        boolean headline,
        Tile tile) {

    /**
     * A tile's own figure: SQL answering one row with {@code time} (the newest bucket the figure covers) and {@code
     * value}, and a caption that says what the figure is. A tile never shows the newest minute, which is still
     * filling: its counts are partial, and its accepts can outnumber its requests (a match rate of 200 %).
     */
    public record Tile(String query, String caption) {}

    /** The catalogue's groups, as the KPI catalogue names them, plus the pipeline's own health. */
    public enum Group {
        PASSENGER("Passenger"),
        DRIVER("Driver"),
        OPERATION("Operation"),
        INFRA("Infra");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** How a panel draws: a line over time, one current value, the cell grid, a table, or points on the city grid. */
    public enum Kind {
        TIMESERIES,
        STAT,
        HEATMAP,
        TABLE,
        MAP
    }

    /** Where a panel's data comes from; PROCESS is the local stack's processes, which no export can show. */
    public enum Source {
        SQL,
        PROMQL,
        SEARCH,
        PROCESS
    }
}
