package dev.rideops.clients.connect;

import dev.rideops.clients.ClientException;
import dev.rideops.clients.http.Json;
import dev.rideops.contract.CdcContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Asks the Debezium connector for an incremental snapshot of some captured tables, through its signal table in the
 * source database: the connector re-reads those tables in chunks while it keeps streaming, and their rows reach the
 * CDC topics again as {@code op = r} events (which the job treats like any re-delivered change).
 */
public final class SnapshotSignal {

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public SnapshotSignal(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * The captured table a user named, schema-qualified: {@code bookings} and {@code public.bookings} both give
     * {@code public.bookings}; empty for a table the connector does not capture.
     */
    public static java.util.Optional<String> captured(String table) {
        String name = table.trim().toLowerCase(Locale.ROOT);
        String qualified = name.contains(".") ? name : "public." + name;
        return CdcContract.TABLES.contains(qualified) ? java.util.Optional.of(qualified) : java.util.Optional.empty();
    }

    /** The captured tables without their schema, for completion and messages. */
    public static List<String> tableNames() {
        List<String> names = new ArrayList<>();
        CdcContract.TABLES.forEach(t -> names.add(t.substring(t.indexOf('.') + 1)));
        return names;
    }

    /**
     * The row Debezium reads: an {@code execute-snapshot} signal of type incremental for these tables, each table in
     * {@code filters} read only where its SQL condition holds (Debezium's {@code additional-conditions}).
     */
    static String data(List<String> qualifiedTables, Map<String, String> filters) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("data-collections", qualifiedTables);
        data.put("type", "incremental");
        if (!filters.isEmpty()) {
            List<Map<String, String>> conditions = new ArrayList<>();
            filters.forEach((table, filter) -> conditions.add(Map.of("data-collection", table, "filter", filter)));
            data.put("additional-conditions", conditions);
        }
        return Json.write(data);
    }

    /** Inserts the signal for whole tables; returns its id (Debezium logs it when the snapshot starts and ends). */
    public String requestIncremental(List<String> qualifiedTables) {
        return requestIncremental(qualifiedTables, Map.of());
    }

    /** Inserts the signal, {@code filters} narrowing some tables to the rows wanted; returns its id. */
    public String requestIncremental(List<String> qualifiedTables, Map<String, String> filters) {
        String id = "rideops-" + UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO " + CdcContract.SIGNAL_TABLE + " (id, type, data) VALUES (?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, "execute-snapshot");
            insert.setString(3, data(qualifiedTables, filters));
            insert.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw new ClientException(
                    "cannot write the snapshot signal to " + CdcContract.SIGNAL_TABLE + " at " + jdbcUrl + ": "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    "run 'rideops deploy --only schema,connector' to create the signal table, and check source.host/"
                            + "source.port and postgres.admin-user/postgres.admin-password (signals are written as "
                            + "the schema's owner)");
        }
    }
}
