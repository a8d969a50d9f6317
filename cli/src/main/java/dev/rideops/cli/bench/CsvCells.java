package dev.rideops.cli.bench;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/** The cells of a results CSV row as Java prints them; an unknown figure (null) is an empty cell. */
final class CsvCells {

    private CsvCells() {}

    static String join(Object... cells) {
        return Arrays.stream(cells).map(c -> Objects.toString(c, "")).collect(Collectors.joining(","));
    }
}
