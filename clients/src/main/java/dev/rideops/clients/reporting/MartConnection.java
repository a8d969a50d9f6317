package dev.rideops.clients.reporting;

import dev.rideops.clients.ClientException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where the mart is and how to log in: the one place that opens a connection to the reporting database and turns
 * its failures into a one-line error naming the database and the fix.
 */
public record MartConnection(String url, String user, String password) {

    private static final String FIX = "check reporting.* settings and that the database runs ('rideops status')";

    /** A new connection; the caller closes it. */
    public Connection open() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The one-line error for a failed statement or connection. */
    public ClientException failed(SQLException e) {
        return failed(e, "");
    }

    /** As {@link #failed(SQLException)}, with more to check appended to the fix. */
    public ClientException failed(SQLException e, String alsoCheck) {
        return new ClientException(
                "the reporting database at " + url + " failed: " + e.getMessage(),
                alsoCheck.isEmpty() ? FIX : FIX + " and " + alsoCheck);
    }
}
