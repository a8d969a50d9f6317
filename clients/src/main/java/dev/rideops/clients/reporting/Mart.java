package dev.rideops.clients.reporting;

import dev.rideops.clients.ClientException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The mart's tables as a whole: whether it holds results, and emptying it for a rebuild. */
public final class Mart {

    private final String url;
    private final String user;
    private final String password;

    public Mart(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Whether the job has written any bucket yet. */
    public boolean hasBuckets() {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM mart.fact_metric_bucket)")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Empties every table the job writes, in one transaction, so a rebuild starts from nothing. */
    public void truncate() {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("TRUNCATE mart.fact_metric_bucket, mart.latest_metric_snapshot, mart.cell_supply_demand");
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private ClientException failed(SQLException e) {
        return new ClientException(
                "the reporting database at " + url + " failed: " + e.getMessage(),
                "check reporting.* settings and that the database runs ('rideops status')");
    }
}
