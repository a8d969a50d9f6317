package dev.rideops.cli.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads a query's single timestamp: the newest something, null when there is none yet (max over no rows). */
final class NewestTime {

    private NewestTime() {}

    static Instant of(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            OffsetDateTime t = rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
            return t == null ? null : t.toInstant();
        }
    }
}
