package dev.rideops.generator.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the versioned source schema (classpath {@code db/source}) with Flyway; safe to run again. */
public final class SourceSchema {

    private SourceSchema() {}

    public static MigrateResult migrate(SourceDb db) {
        return Flyway.configure(SourceSchema.class.getClassLoader())
                .dataSource(db.url(), db.user(), db.password())
                .locations("classpath:db/source")
                .load()
                .migrate();
    }
}
