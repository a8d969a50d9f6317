package dev.rideops.clients.reporting;

import dev.rideops.clients.ClientException;
import dev.rideops.clients.LoginRefusedException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where the mart is and how to log in: the one place that opens a connection to the reporting database and turns
 * its failures into a one-line error naming the database and the fix.
 */
public record MartConnection(String url, String user, String password) {

    /** PostgreSQL's invalid_authorization_specification class: a wrong password or an unknown role. */
    private static final String LOGIN_REFUSED = "28";

    private static final String FIX = "check reporting.* settings and that the database runs ('rideops status')";

    /** A new connection; the caller closes it. */
    public Connection open() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The one-line error for a failed statement or connection. */
    public ClientException failed(SQLException e) {
        return failed(e, "");
    }

    /**
     * As {@link #failed(SQLException)}, with more to check appended to the fix. A refused login says so and whose,
     * not "check it runs": a reader that polls (status, the dashboard's panels) must not show it as a database down.
     */
    public ClientException failed(SQLException e, String alsoCheck) {
        if (e.getSQLState() != null && e.getSQLState().startsWith(LOGIN_REFUSED)) {
            return new LoginRefusedException(
                    "the reporting database at " + url + " refused the login of user '" + user + "': " + e.getMessage(),
                    "set that user's password: reader.password (RIDEOPS_READER_PASSWORD) for the read-only user, "
                            + "reporting.password (RIDEOPS_REPORTING_PASSWORD) for the mart's writer; unset, the "
                            + "generated one in $RIDEOPS_HOME/secrets");
        }
        return new ClientException(
                "the reporting database at " + url + " failed: " + e.getMessage(),
                alsoCheck.isEmpty() ? FIX : FIX + " and " + alsoCheck);
    }
}
