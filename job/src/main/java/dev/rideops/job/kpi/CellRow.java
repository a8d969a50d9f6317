package dev.rideops.job.kpi;

/** A row of {@code mart.cell_supply_demand}: one grid cell's minute for the supply/demand heatmap. */
public class CellRow {
    public long bucketStart;
    public String cell;
    public long requests;
    public long driversPresent;
    public long driversAvailable;
    /** Null while the cell has no request in the minute. */
    public Double avgSurge;
    /** Pings that arrived after the minute's allowed lateness: not in the driver counts, counted here instead. */
    public long latePings;

    public CellRow() {}

    /** The row of a cell's bucket as its running totals stand. */
    public static CellRow of(long bucketStart, String cell, BucketTotals state) {
        CellRow r = new CellRow();
        r.bucketStart = bucketStart;
        r.cell = cell;
        r.requests = whole(state.value(Metric.CELL_REQUESTS));
        r.driversPresent = whole(state.value(Metric.CELL_DRIVERS_PRESENT));
        r.driversAvailable = whole(state.value(Metric.CELL_DRIVERS_AVAILABLE));
        r.avgSurge = state.value(Metric.CELL_AVG_SURGE);
        r.latePings = whole(state.value(Metric.LATE_EVENTS));
        return r;
    }

    /** Nothing left in the cell's minute (its only request was deleted): the row is removed, not written. */
    public boolean isEmpty() {
        return requests == 0 && driversPresent == 0 && driversAvailable == 0 && latePings == 0;
    }

    private static long whole(Double value) {
        return value == null ? 0 : Math.round(value);
    }

    @Override
    public String toString() {
        return cell + "@" + bucketStart + " requests=" + requests + " present=" + driversPresent + " available="
                + driversAvailable + " surge=" + avgSurge;
    }
}
