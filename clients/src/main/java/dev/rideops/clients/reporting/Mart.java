package dev.rideops.clients.reporting;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The mart's tables as a whole: whether it holds results, and emptying it for a rebuild. */
public final class Mart {

    private final MartConnection mart;

    public Mart(String url, String user, String password) {
        this.mart = new MartConnection(url, user, password);
    }

    /** Whether the job has written any bucket yet. */
    public boolean hasBuckets() {
        try (Connection c = mart.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM mart.fact_metric_bucket)")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            throw mart.failed(e);
        }
    }

    /** Empties every table the job writes, in one transaction, so a rebuild starts from nothing. */
    public void truncate() {
        try (Connection c = mart.open();
                Statement s = c.createStatement()) {
            s.execute("TRUNCATE mart.fact_metric_bucket, mart.latest_metric_snapshot, mart.cell_supply_demand");
        } catch (SQLException e) {
            throw mart.failed(e);
        }
    }
}
