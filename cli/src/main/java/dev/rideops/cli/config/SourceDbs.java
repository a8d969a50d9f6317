package dev.rideops.cli.config;

import dev.rideops.generator.db.SourceDb;

/** The source database connection the config names. */
public final class SourceDbs {

    private SourceDbs() {}

    public static SourceDb from(RideopsConfig config) {
        return new SourceDb(
                config.get(Setting.SOURCE_HOST),
                config.intValue(Setting.SOURCE_PORT),
                config.get(Setting.SOURCE_DATABASE),
                config.get(Setting.SOURCE_USER),
                config.get(Setting.SOURCE_PASSWORD));
    }
}
