package dev.rideops.cli.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A rideops command line as the user typed it, safe to write down and show to others: the value of a secret
 * setting given with {@code --set} is masked as in {@code rideops config show}.
 */
public final class MaskedCommandLine {

    private static final String SET = "--set";

    private MaskedCommandLine() {}

    /** {@code rideops up --set source.password=****} for the arguments {@code up --set source.password=s3cret}. */
    public static String of(List<String> args) {
        List<String> shown = new ArrayList<>();
        shown.add("rideops");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals(SET) && i + 1 < args.size()) {
                shown.add(arg);
                shown.add(masked(args.get(++i)));
            } else if (arg.startsWith(SET + "=")) {
                shown.add(SET + "=" + masked(arg.substring(SET.length() + 1)));
            } else {
                shown.add(arg);
            }
        }
        return String.join(" ", shown);
    }

    private static String masked(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            return assignment;
        }
        String key = assignment.substring(0, eq).trim();
        String value = assignment.substring(eq + 1);
        return Setting.byKey(key)
                .map(setting -> setting.shown(value))
                .or(() -> NativeSection.containing(key).map(s -> NativeSection.shown(s.nativeKey(key), value)))
                .map(shown -> assignment.substring(0, eq + 1) + shown)
                .orElse(assignment);
    }
}
