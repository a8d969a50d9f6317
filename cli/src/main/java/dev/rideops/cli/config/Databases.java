package dev.rideops.cli.config;

import dev.rideops.cli.error.RideopsException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Connections to the two databases the config names, failing with one line that says which and how to fix it. */
public final class Databases {

    private Databases() {}

    public static Connection source(RideopsConfig config) {
        try {
            return SourceDbs.from(config).connect();
        } catch (SQLException e) {
            throw new RideopsException(
                    "cannot connect to the source database " + SourceDbs.from(config) + ": " + e.getMessage(),
                    "start the stack with 'rideops up', or fix the source.* settings");
        }
    }

    public static Connection reporting(RideopsConfig config, Endpoints endpoints) {
        try {
            return DriverManager.getConnection(
                    endpoints.reportingJdbcUrl(),
                    config.get(Setting.REPORTING_USER),
                    config.get(Setting.REPORTING_PASSWORD));
        } catch (SQLException e) {
            throw new RideopsException(
                    "cannot connect to the reporting database at " + endpoints.reportingJdbcUrl() + ": "
                            + e.getMessage(),
                    "start the stack with 'rideops up', or fix the reporting.* settings");
        }
    }
}
