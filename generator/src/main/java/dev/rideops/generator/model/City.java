package dev.rideops.generator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A city of the reference data, divided into a grid of square cells of {@link #CELL_DEGREES} (about 1.1 km) around
 * its centre. Cell ids read {@code HCM-05-07} (row, column).
 */
public record City(String code, double centerLat, double centerLon) {

    public static final double CELL_DEGREES = 0.01;
    public static final int GRID = 12;

    /** The cities of V2__reference_data.sql. */
    public static final List<City> ALL = List.of(
            new City("HCM", 10.7769, 106.7009), new City("HAN", 21.0278, 105.8342), new City("DAD", 16.0544, 108.2022));

    public double minLat() {
        return centerLat - GRID * CELL_DEGREES / 2;
    }

    public double minLon() {
        return centerLon - GRID * CELL_DEGREES / 2;
    }

    /** The cell holding a point; points outside the grid belong to the nearest edge cell. */
    public String cellOf(double lat, double lon) {
        int row = clamp((int) Math.floor((lat - minLat()) / CELL_DEGREES));
        int col = clamp((int) Math.floor((lon - minLon()) / CELL_DEGREES));
        return cellId(row, col);
    }

    public String cellId(int row, int col) {
        return String.format(Locale.ROOT, "%s-%02d-%02d", code, row, col);
    }

    public List<String> cells() {
        List<String> cells = new ArrayList<>(GRID * GRID);
        for (int r = 0; r < GRID; r++) {
            for (int c = 0; c < GRID; c++) {
                cells.add(cellId(r, c));
            }
        }
        return cells;
    }

    /** The point at fractions (0..1, 0..1) of a cell. */
    public double[] pointInCell(String cellId, double latFraction, double lonFraction) {
        String[] parts = cellId.split("-");
        int row = Integer.parseInt(parts[1]);
        int col = Integer.parseInt(parts[2]);
        return new double[] {
            minLat() + (row + latFraction) * CELL_DEGREES, minLon() + (col + lonFraction) * CELL_DEGREES
        };
    }

    public double[] pointAt(double latFraction, double lonFraction) {
        return new double[] {minLat() + latFraction * GRID * CELL_DEGREES, minLon() + lonFraction * GRID * CELL_DEGREES
        };
    }

    public static City byCode(String code) {
        return ALL.stream()
                .filter(c -> c.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown city " + code));
    }

    private static int clamp(int index) {
        return Math.max(0, Math.min(GRID - 1, index));
    }
}
