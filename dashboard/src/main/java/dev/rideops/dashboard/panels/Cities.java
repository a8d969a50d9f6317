package dev.rideops.dashboard.panels;

import java.util.List;
import java.util.Optional;

/**
 * The cities the generator plays (the source's reference data, V2__reference_data.sql) and their grids of 12 x 12
 * cells of 0.01 degrees around the centre: the city filter, and the frame the Drivers page draws positions in.
 * {@code CitiesTest} keeps the centres equal to the source's reference data.
 */
public final class Cities {

    public static final double CELL_DEGREES = 0.01;
    public static final int GRID = 12;

    /** A city by its code, with the box of its grid (positions outside it belong to no city). */
    public record City(String code, String name, double centerLat, double centerLon) {

        public double minLat() {
            return centerLat - GRID * CELL_DEGREES / 2;
        }

        public double maxLat() {
            return centerLat + GRID * CELL_DEGREES / 2;
        }

        public double minLon() {
            return centerLon - GRID * CELL_DEGREES / 2;
        }

        public double maxLon() {
            return centerLon + GRID * CELL_DEGREES / 2;
        }
    }

    public static final List<City> ALL = List.of(
            new City("HCM", "Ho Chi Minh City", 10.7769, 106.7009),
            new City("HAN", "Hanoi", 21.0278, 105.8342),
            new City("DAD", "Da Nang", 16.0544, 108.2022));

    private Cities() {}

    public static Optional<City> byCode(String code) {
        return ALL.stream().filter(c -> c.code().equals(code)).findFirst();
    }
}
