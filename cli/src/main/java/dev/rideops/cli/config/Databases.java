package dev.rideops.cli.config;

import dev.rideops.cli.error.RideopsException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Read-only connections to the two databases the config names (as {@code reader.user}), the one DDL connection to
 * the source (as its admin, for chaos's schema faults) and the one writing connection to the mart (as the job's role,
 * for verify's results), failing with one line that says which and how to fix it.
 */
public final class Databases {

    /** PostgreSQL's invalid_authorization_specification class: a wrong password or an unknown role. */
    private static final String LOGIN_REFUSED = "28";

    private Databases() {}

    public static Connection source(RideopsConfig config) {
        try {
            return SourceDbs.reader(config).connect();
        } catch (SQLException e) {
            throw new RideopsException(
                    "cannot connect to the source database " + SourceDbs.reader(config) + ": " + e.getMessage(),
                    fix(e, Setting.READER_USER, Setting.READER_PASSWORD, "source"),
                    e);
        }
    }

    /**
     * The source as its admin, the owner of the schema: only for DDL on the live source (chaos's schema faults),
     * which neither the generator's writer nor the reader may run.
     */
    public static Connection sourceAsAdmin(RideopsConfig config) {
        try {
            return SourceDbs.admin(config).connect();
        } catch (SQLException e) {
            throw new RideopsException(
                    "cannot connect to the source database " + SourceDbs.admin(config) + ": " + e.getMessage(),
                    fix(e, Setting.POSTGRES_ADMIN_USER, Setting.POSTGRES_ADMIN_PASSWORD, "source"),
                    e);
        }
    }

    public static Connection reporting(RideopsConfig config, Endpoints endpoints) {
        return reportingAs(config, endpoints, Setting.READER_USER, Setting.READER_PASSWORD);
    }

    /**
     * The mart as its writer (the job's role), only for the rows rideops itself keeps there (verify's results): the
     * reader stays read-only.
     */
    public static Connection reportingAsWriter(RideopsConfig config, Endpoints endpoints) {
        return reportingAs(config, endpoints, Setting.REPORTING_USER, Setting.REPORTING_PASSWORD);
    }

    private static Connection reportingAs(RideopsConfig config, Endpoints endpoints, Setting user, Setting password) {
        try {
            return DriverManager.getConnection(endpoints.reportingJdbcUrl(), config.get(user), config.get(password));
        } catch (SQLException e) {
            throw new RideopsException(
                    "cannot connect to the reporting database at " + endpoints.reportingJdbcUrl() + " as "
                            + config.get(user) + ": " + e.getMessage(),
                    fix(e, user, password, "reporting"),
                    e);
        }
    }

    /** Whether a connection failed because the database refused the login (not because it is down). */
    public static boolean loginRefused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e
                    && e.getSQLState() != null
                    && e.getSQLState().startsWith(LOGIN_REFUSED)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How to fix a failed login: a refused one names the role's settings (and where a generated password lives),
     * anything else the connection's.
     *
     * @param database {@code source} or {@code reporting}, whose host and port settings to name otherwise
     */
    public static String fix(SQLException e, Setting user, Setting password, String database) {
        if (e.getSQLState() != null && e.getSQLState().startsWith(LOGIN_REFUSED)) {
            // PostgreSQL answers the same for a wrong password and a role that does not exist
            return "the database refused " + user.key() + "'s login: set " + password.key() + " ("
                    + password.envName() + ") to its password, or unset it to use the generated one in "
                    + "$RIDEOPS_HOME/secrets; a role not made yet is made by 'rideops up' (a database rideops did not "
                    + "start: 'rideops deploy --only schema'; a home made before rideops generated its secrets: "
                    + "'rideops down --purge')";
        }
        return "start the stack with 'rideops up', or fix the " + database + ".* settings";
    }
}
