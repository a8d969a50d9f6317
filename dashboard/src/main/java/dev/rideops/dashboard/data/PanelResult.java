package dev.rideops.dashboard.data;

import java.util.List;

/**
 * What a panel's JSON endpoint answers: columns and rows (long format for several series: time, series, value), or
 * an empty state with the reason, which the page shows in place of the chart.
 */
public record PanelResult(String panel, List<String> columns, List<List<Object>> rows, String empty) {

    public static PanelResult empty(String panel, String reason) {
        return new PanelResult(panel, List.of(), List.of(), reason);
    }
}
