package dev.rideops.scenarios;

import java.util.Locale;

/**
 * The traffic volume presets users name on the command line ({@code --volume small}). The contract fixes the
 * names; what each preset generates is defined by the generator's profiles.
 */
public enum Volume {
    TINY,
    SMALL,
    MEDIUM,
    LARGE;

    /** The name users type, also what picocli shows as completion candidates. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
