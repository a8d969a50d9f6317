package dev.rideops.cli.config;

import dev.rideops.generator.db.SourceDb;

/** The source database connections the config names, one per role. */
public final class SourceDbs {

    private SourceDbs() {}

    /** As the generator's writer ({@code source.user}). */
    public static SourceDb from(RideopsConfig config) {
        return as(config, Setting.SOURCE_USER, Setting.SOURCE_PASSWORD);
    }

    /** As the admin, who owns the schema: migrations, roles, the publication. */
    public static SourceDb admin(RideopsConfig config) {
        return as(config, Setting.POSTGRES_ADMIN_USER, Setting.POSTGRES_ADMIN_PASSWORD);
    }

    /** As the read-only role. */
    public static SourceDb reader(RideopsConfig config) {
        return as(config, Setting.READER_USER, Setting.READER_PASSWORD);
    }

    private static SourceDb as(RideopsConfig config, Setting user, Setting password) {
        return new SourceDb(
                DatabaseTls.of(config)
                        .jdbcUrl(
                                config.get(Setting.SOURCE_HOST),
                                config.intValue(Setting.SOURCE_PORT),
                                config.get(Setting.SOURCE_DATABASE)),
                config.get(user),
                config.get(password));
    }
}
