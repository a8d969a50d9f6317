package dev.rideops.cli.pipeline;

import dev.rideops.cli.config.Databases;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.config.SourceDbs;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.RootCause;
import dev.rideops.generator.db.SourceDb;
import dev.rideops.generator.db.SourceSchema;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the source database's schema up to date as its admin, then its roles and publication (as {@code generate}
 * and {@code deploy} both need them).
 */
public final class SourceMigration {

    private SourceMigration() {}

    public static void migrate(RideopsConfig config) {
        SourceDb admin = SourceDbs.admin(config);
        try {
            SourceSchema.migrate(admin);
        } catch (FlywayException e) {
            SQLException login = RootCause.sqlException(e);
            throw new RideopsException(
                    "cannot prepare the source database " + admin + ": " + RootCause.message(e),
                    login != null
                            ? Databases.fix(
                                    login, Setting.POSTGRES_ADMIN_USER, Setting.POSTGRES_ADMIN_PASSWORD, "source")
                            : "start it with 'rideops up --no-generate', or check source.host/source.port and "
                                    + "postgres.admin-user");
        }
        try (Connection c = admin.connect()) {
            DatabaseRoles.source(
                    c,
                    role(config, Setting.SOURCE_USER, Setting.SOURCE_PASSWORD),
                    role(config, Setting.CONNECTOR_DATABASE_USER, Setting.CONNECTOR_DATABASE_PASSWORD),
                    role(config, Setting.READER_USER, Setting.READER_PASSWORD));
        } catch (SQLException e) {
            throw new RideopsException(
                    "cannot set up the source database's roles as " + admin + ": " + e.getMessage(),
                    "postgres.admin-user must own the schema and may create roles (CREATEROLE)");
        }
    }

    static DatabaseRoles.Role role(RideopsConfig config, Setting user, Setting password) {
        return new DatabaseRoles.Role(config.get(user), config.get(password));
    }
}
