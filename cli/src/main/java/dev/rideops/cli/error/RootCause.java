package dev.rideops.cli.error;

/** The innermost cause of a failure, and its message's first line, for one-line error messages. */
public final class RootCause {

    private RootCause() {}

    public static Throwable of(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The root cause's first message line, or its class name when it has no message. */
    public static String message(Throwable e) {
        Throwable root = of(e);
        String m = root.getMessage();
        return m == null
                ? root.getClass().getSimpleName()
                : m.lines().findFirst().orElse(m);
    }

    /** The first SQLException in the chain (its SQL state says what the database refused), or null. */
    public static java.sql.SQLException sqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
