package dev.rideops.cli.pipeline;

import dev.rideops.contract.CdcContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * The PostgreSQL roles of least privilege, made by the admin (the owner of the schemas) right after each migration,
 * so a new table is granted as soon as it exists: on the source the generator's writer, Debezium's replication role
 * (REPLICATION and SELECT on the captured tables only, and what Debezium does in its signal table) and the reader;
 * on the reporting database the job's mart writer and the reader (tables and BI views). The publication is the
 * admin's, so the replication role needs no ownership; Debezium's signals are written as the admin too. Passwords are
 * set as SCRAM verifiers the driver computes, never sent as SQL text a server log could keep.
 */
public final class DatabaseRoles {

    /** PostgreSQL's duplicate_object: a role another rideops created meanwhile. */
    private static final String DUPLICATE_OBJECT = "42710";

    /** {@code pg_class.relkind} of tables (plain, partitioned) and of views (plain, materialized). */
    private static final String TABLE_KINDS = "'r', 'p'";

    private static final String VIEW_KINDS = "'v', 'm'";

    /** A login role and its password. */
    public record Role(String user, String password) {
        @Override
        public String toString() {
            return user;
        }
    }

    private DatabaseRoles() {}

    /** On the source database, as its admin: the writer, the replication role, the reader and the publication. */
    public static void source(Connection admin, Role writer, Role cdc, Role reader) throws SQLException {
        ensureLogin(admin, writer, "");
        ensureLogin(admin, cdc, " REPLICATION");
        ensureLogin(admin, reader, "");
        List<String> tables = relations(admin, "public", TABLE_KINDS);
        execute(admin, sourceGrants(database(admin), tables, writer.user(), cdc.user(), reader.user()));
        ensurePublication(admin);
    }

    /** On the reporting database, as its admin: the job's mart writer and the reader (the BI views too). */
    public static void reporting(Connection admin, Role martWriter, Role reader) throws SQLException {
        ensureLogin(admin, martWriter, "");
        ensureLogin(admin, reader, "");
        List<String> tables = relations(admin, "mart", TABLE_KINDS);
        List<String> views = relations(admin, "mart", VIEW_KINDS);
        execute(
                admin,
                reportingGrants(
                        database(admin), schemaExists(admin, "mart"), tables, views, martWriter.user(), reader.user()));
    }

    /**
     * What the publication Debezium reads holds: the captured tables and its signal table (signals, and the window
     * marks of its incremental snapshots, reach it through the WAL; Connect drops their events).
     */
    static List<String> published() {
        List<String> tables = new ArrayList<>(CdcContract.TABLES);
        tables.add(CdcContract.SIGNAL_TABLE);
        return tables;
    }

    /**
     * The publication Debezium reads, over {@link #published()} only, owned by the admin (the connector does not
     * create it: {@code publication.autocreate.mode=disabled}). One that exists gets the tables it lacks (one made
     * before the signal table existed); its other tables are left as they are.
     */
    public static void ensurePublication(Connection admin) throws SQLException {
        boolean exists;
        try (PreparedStatement s = admin.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            s.setString(1, CdcContract.PUBLICATION);
            try (ResultSet rs = s.executeQuery()) {
                exists = rs.next();
            }
        }
        if (!exists) {
            execute(
                    admin,
                    List.of("CREATE PUBLICATION " + CdcContract.PUBLICATION + " FOR TABLE "
                            + String.join(", ", published())));
            return;
        }
        List<String> missing = new ArrayList<>(published());
        try (PreparedStatement s = admin.prepareStatement(
                "SELECT schemaname || '.' || tablename FROM pg_publication_tables WHERE pubname = ?")) {
            s.setString(1, CdcContract.PUBLICATION);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    missing.remove(rs.getString(1));
                }
            }
        }
        if (!missing.isEmpty()) {
            execute(
                    admin,
                    List.of("ALTER PUBLICATION " + CdcContract.PUBLICATION + " ADD TABLE "
                            + String.join(", ", missing)));
        }
    }

    /**
     * @param tables the source's tables, schema-qualified and quoted as {@link #relations} gives them
     */
    static List<String> sourceGrants(String database, List<String> tables, String writer, String cdc, String reader) {
        List<String> sql = new ArrayList<>();
        for (String role : List.of(writer, cdc, reader)) {
            sql.add("GRANT CONNECT ON DATABASE " + quote(database) + " TO " + quote(role));
            sql.add("GRANT USAGE ON SCHEMA public TO " + quote(role));
        }
        String signal = qualified(CdcContract.SIGNAL_TABLE);
        // the generator writes the application's tables, never Debezium's signals (an operator's request: the admin's)
        List<String> written = tables.stream().filter(t -> !t.equals(signal)).toList();
        if (!written.isEmpty()) {
            sql.add("GRANT SELECT, INSERT, UPDATE, DELETE ON " + String.join(", ", written) + " TO " + quote(writer));
        }
        if (!tables.isEmpty()) {
            sql.add("GRANT SELECT ON " + String.join(", ", tables) + " TO " + quote(reader));
        }
        sql.add("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + quote(writer));
        sql.add("GRANT SELECT ON " + String.join(", ", CdcContract.TABLES) + " TO " + quote(cdc));
        if (tables.contains(signal)) {
            // A captured table like the others (its initial snapshot reads it, ACCESS SHARE lock included), and
            // Debezium INSERTs an incremental snapshot's window-open and -close marks into it; it never updates or
            // deletes there (CdcConnector pins the insert_insert watermarking strategy, which needs no DELETE).
            // Signals themselves are read from the WAL, through the admin's publication: no ownership needed.
            sql.add("GRANT SELECT, INSERT ON " + signal + " TO " + quote(cdc));
        }
        // lag, slots and activity for bench and health checks; read-only
        sql.add("GRANT pg_monitor TO " + quote(reader));
        return sql;
    }

    /**
     * @param martExists false before the mart's first migration (a stack whose job jar is not built): the roles may
     *     then only connect, and the next run, after the migration, grants the rest
     * @param tables the mart's tables, which the job writes
     * @param views the mart's views (the BI views), which only the reader reads
     */
    static List<String> reportingGrants(
            String database,
            boolean martExists,
            List<String> tables,
            List<String> views,
            String martWriter,
            String reader) {
        List<String> sql = new ArrayList<>();
        for (String role : List.of(martWriter, reader)) {
            sql.add("GRANT CONNECT ON DATABASE " + quote(database) + " TO " + quote(role));
            if (martExists) {
                sql.add("GRANT USAGE ON SCHEMA mart TO " + quote(role));
            }
        }
        if (!tables.isEmpty()) {
            // TRUNCATE: 'deploy --rebuild' empties the mart as the job's role
            sql.add("GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON " + String.join(", ", tables) + " TO "
                    + quote(martWriter));
        }
        List<String> read = new ArrayList<>(tables);
        read.addAll(views);
        if (!read.isEmpty()) {
            sql.add("GRANT SELECT ON " + String.join(", ", read) + " TO " + quote(reader));
        }
        sql.add("GRANT pg_monitor TO " + quote(reader));
        return sql;
    }

    /** {@code schema.table} as {@link #relations} gives it: the table's name quoted. */
    static String qualified(String schemaDotTable) {
        int dot = schemaDotTable.indexOf('.');
        return schemaDotTable.substring(0, dot + 1) + quote(schemaDotTable.substring(dot + 1));
    }

    /**
     * The schema's relations of the given kinds ({@code pg_class.relkind}: tables, or views), schema-qualified,
     * without Flyway's history: no application role may touch that.
     */
    private static List<String> relations(Connection c, String schema, String kinds) throws SQLException {
        List<String> relations = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON "
                + "n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN (" + kinds + ") AND c.relname NOT "
                + "LIKE 'flyway%' ORDER BY c.relname")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    relations.add(schema + "." + quote(rs.getString(1)));
                }
            }
        }
        return relations;
    }

    /**
     * Creates the role or brings its attributes and password to what the config says. A role that is the admin itself
     * (a remote database with one account for everything) is left alone: its password is not rideops's to change.
     */
    private static void ensureLogin(Connection admin, Role role, String attributes) throws SQLException {
        if (role.user().equals(admin.getMetaData().getUserName())) {
            return;
        }
        boolean exists;
        try (PreparedStatement s = admin.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            s.setString(1, role.user());
            try (ResultSet rs = s.executeQuery()) {
                exists = rs.next();
            }
        }
        String alter = "ALTER ROLE " + quote(role.user()) + " LOGIN" + attributes;
        try {
            execute(admin, List.of(exists ? alter : "CREATE ROLE " + quote(role.user()) + " LOGIN" + attributes));
        } catch (SQLException e) {
            if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                throw e;
            }
            // another rideops (a generator starting beside a deploy) created it meanwhile
            execute(admin, List.of(alter));
        }
        admin.unwrap(PGConnection.class)
                .alterUserPassword(role.user(), role.password().toCharArray(), "scram-sha-256");
    }

    private static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String database(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
