package dev.rideops.stack.lifecycle;

/**
 * A probe's problem that no wait cures: the service refused the login rideops sent (a password changed since the
 * service started, or never set). Marked by its first words so {@code awaitHealthy}, {@code up} and {@code wait} stop
 * at once naming the setting to fix instead of polling until their timeout, while {@code status} shows it as is.
 */
public final class LoginRefused {

    private static final String MARK = "login refused: ";

    private LoginRefused() {}

    /** The probe's problem: what refused whom, then what to fix. */
    public static String problem(String what) {
        return MARK + what;
    }

    public static boolean is(String problem) {
        return problem != null && problem.startsWith(MARK);
    }
}
