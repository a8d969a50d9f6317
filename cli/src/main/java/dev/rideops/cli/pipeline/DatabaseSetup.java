package dev.rideops.cli.pipeline;

import dev.rideops.cli.config.Databases;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.config.SourceDbs;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.RootCause;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.reporting.ReportingSchema;
import dev.rideops.generator.db.SourceDb;
import dev.rideops.generator.db.SourceSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;

/**
 * Prepares the two databases as their admin, idempotently: each schema brought up to date, then the roles of least
 * privilege made (their passwords set from the config) and granted what exists, and the publication Debezium reads.
 * {@code up} runs it as soon as the databases are healthy, so the roles exist before anything logs in as one (the
 * exporter and the dashboard, which {@code up} starts before any deploy, the connector, the job, the generator);
 * {@code deploy}'s schema step and a foreground {@code generate} run it too, as either may be the first to reach a
 * database rideops did not start. A background generator never does: whoever started it did.
 */
public final class DatabaseSetup {

    private DatabaseSetup() {}

    /**
     * Both databases; returns what was done, as one line.
     *
     * @param jobJar the job jar whose reporting migrations to apply; without one (not built), the reporting roles are
     *     made all the same and granted what the mart already holds
     */
    public static String prepare(RideopsConfig config, String reportingJdbcUrl, Optional<Path> jobJar) {
        source(config);
        String reporting = reporting(config, reportingJdbcUrl, jobJar);
        return "source up to date; reporting " + reporting + "; roles " + String.join(", ", roles(config));
    }

    /** The source database: its schema, then its roles and the publication (as {@code generate} needs them). */
    public static void source(RideopsConfig config) {
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

    /** The reporting database: the mart's schema from the job jar, then the job's role and the reader. */
    private static String reporting(RideopsConfig config, String url, Optional<Path> jobJar) {
        String adminUser = config.get(Setting.POSTGRES_ADMIN_USER);
        String adminPassword = config.get(Setting.POSTGRES_ADMIN_PASSWORD);
        String migrated = "schema not applied (no job jar built)";
        if (jobJar.isPresent()) {
            try {
                int applied = ReportingSchema.migrate(jobJar.get(), url, adminUser, adminPassword);
                migrated = applied == 0 ? "up to date" : applied + " migration(s) applied";
            } catch (ClientException e) {
                throw new RideopsException(e.getMessage(), e.fix(), e);
            }
        }
        try (Connection admin = DriverManager.getConnection(url, adminUser, adminPassword)) {
            DatabaseRoles.reporting(
                    admin,
                    role(config, Setting.REPORTING_USER, Setting.REPORTING_PASSWORD),
                    role(config, Setting.READER_USER, Setting.READER_PASSWORD));
        } catch (SQLException e) {
            throw new RideopsException(
                    "cannot set up the reporting database's roles as " + adminUser + " at " + url + ": "
                            + e.getMessage(),
                    Databases.fix(e, Setting.POSTGRES_ADMIN_USER, Setting.POSTGRES_ADMIN_PASSWORD, "reporting"));
        }
        return migrated;
    }

    private static List<String> roles(RideopsConfig config) {
        return List.of(
                config.get(Setting.SOURCE_USER),
                config.get(Setting.CONNECTOR_DATABASE_USER),
                config.get(Setting.REPORTING_USER),
                config.get(Setting.READER_USER));
    }

    static DatabaseRoles.Role role(RideopsConfig config, Setting user, Setting password) {
        return new DatabaseRoles.Role(config.get(user), config.get(password));
    }
}
