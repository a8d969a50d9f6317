package dev.rideops.cli.bench;

import java.util.ArrayList;
import java.util.List;

/** The rates of a ramp written FROM:TO:STEP, e.g. 1000:5000:1000 is 1,000, 2,000, ... 5,000 changes/s. */
public final class Ramp {

    private Ramp() {}

    /** The rates, or an IllegalArgumentException saying what is wrong with the text. */
    public static List<Integer> parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--ramp must be FROM:TO:STEP, e.g. 1000:5000:1000, was '" + text + "'");
        }
        int from;
        int to;
        int step;
        try {
            from = Integer.parseInt(parts[0].trim());
            to = Integer.parseInt(parts[1].trim());
            step = Integer.parseInt(parts[2].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--ramp must be whole numbers FROM:TO:STEP, was '" + text + "'");
        }
        if (from <= 0 || to < from || step <= 0) {
            throw new IllegalArgumentException("--ramp needs 0 < FROM <= TO and STEP > 0, was '" + text + "'");
        }
        List<Integer> rates = new ArrayList<>();
        for (int rate = from; rate <= to; rate += step) {
            rates.add(rate);
        }
        if (rates.get(rates.size() - 1) != to) {
            rates.add(to);
        }
        return rates;
    }
}
