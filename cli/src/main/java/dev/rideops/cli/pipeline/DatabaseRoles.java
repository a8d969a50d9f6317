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
 * (REPLICATION and SELECT on the captured tables only) and the reader; on the reporting database the job's mart
 * writer and the reader. The publication is the admin's, so the replication role needs no ownership. Passwords are
 * set as SCRAM verifiers the driver computes, never sent as SQL text a server log could keep.
 */
public final class DatabaseRoles {

    /** PostgreSQL's duplicate_object: a role another rideops created meanwhile. */
    private static final String DUPLICATE_OBJECT = "42710";

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
        List<String> tables = tables(admin, "public");
        execute(admin, sourceGrants(database(admin), tables, writer.user(), cdc.user(), reader.user()));
        ensurePublication(admin);
    }

    /** On the reporting database, as its admin: the job's mart writer and the reader. */
    public static void reporting(Connection admin, Role martWriter, Role reader) throws SQLException {
        ensureLogin(admin, martWriter, "");
        ensureLogin(admin, reader, "");
        List<String> tables = tables(admin, "mart");
        execute(admin, reportingGrants(database(admin), tables, martWriter.user(), reader.user()));
    }

    /**
     * The publication Debezium reads, over the captured tables only, owned by the admin (the connector does not
     * create it: {@code publication.autocreate.mode=disabled}). One that exists is left as it is: altering it under
     * a running connector gains nothing when its tables are the same.
     */
    public static void ensurePublication(Connection admin) throws SQLException {
        try (PreparedStatement s = admin.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            s.setString(1, CdcContract.PUBLICATION);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        execute(
                admin,
                List.of("CREATE PUBLICATION " + CdcContract.PUBLICATION + " FOR TABLE "
                        + String.join(", ", CdcContract.TABLES)));
    }

    static List<String> sourceGrants(String database, List<String> tables, String writer, String cdc, String reader) {
        List<String> sql = new ArrayList<>();
        for (String role : List.of(writer, cdc, reader)) {
            sql.add("GRANT CONNECT ON DATABASE " + quote(database) + " TO " + quote(role));
            sql.add("GRANT USAGE ON SCHEMA public TO " + quote(role));
        }
        if (!tables.isEmpty()) {
            String all = String.join(", ", tables);
            sql.add("GRANT SELECT, INSERT, UPDATE, DELETE ON " + all + " TO " + quote(writer));
            sql.add("GRANT SELECT ON " + all + " TO " + quote(reader));
        }
        sql.add("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + quote(writer));
        sql.add("GRANT SELECT ON " + String.join(", ", CdcContract.TABLES) + " TO " + quote(cdc));
        // lag, slots and activity for bench and health checks; read-only
        sql.add("GRANT pg_monitor TO " + quote(reader));
        return sql;
    }

    static List<String> reportingGrants(String database, List<String> tables, String martWriter, String reader) {
        List<String> sql = new ArrayList<>();
        for (String role : List.of(martWriter, reader)) {
            sql.add("GRANT CONNECT ON DATABASE " + quote(database) + " TO " + quote(role));
            sql.add("GRANT USAGE ON SCHEMA mart TO " + quote(role));
        }
        if (!tables.isEmpty()) {
            String all = String.join(", ", tables);
            // TRUNCATE: 'deploy --rebuild' empties the mart as the job's role
            sql.add("GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON " + all + " TO " + quote(martWriter));
            sql.add("GRANT SELECT ON " + all + " TO " + quote(reader));
        }
        sql.add("GRANT pg_monitor TO " + quote(reader));
        return sql;
    }

    /** The schema's tables, schema-qualified, without Flyway's history: no application role may touch that. */
    private static List<String> tables(Connection c, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT tablename FROM pg_tables WHERE schemaname = ? AND tablename NOT LIKE 'flyway%' "
                        + "ORDER BY tablename")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tables.add(schema + "." + quote(rs.getString(1)));
                }
            }
        }
        return tables;
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
