package dev.rideops.cli.pipeline;

import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.RootCause;
import dev.rideops.generator.db.SourceDb;
import dev.rideops.generator.db.SourceSchema;
import org.flywaydb.core.api.FlywayException;

/** Brings the source database's schema up to date, as {@code generate} and {@code deploy} both need it. */
public final class SourceMigration {

    private SourceMigration() {}

    public static void migrate(SourceDb db) {
        try {
            SourceSchema.migrate(db);
        } catch (FlywayException e) {
            throw new RideopsException(
                    "cannot prepare the source database " + db + ": " + RootCause.message(e),
                    "start it with 'rideops up --no-generate', or check source.host/source.port/source.user");
        }
    }
}
