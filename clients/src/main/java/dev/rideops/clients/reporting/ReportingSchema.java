package dev.rideops.clients.reporting;

import dev.rideops.clients.ClientException;
import dev.rideops.contract.JobJar;
import dev.rideops.contract.JobResources;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The reporting mart's schema ships inside the job jar it belongs to ({@code db/reporting}); deploy applies it from
 * there with Flyway, so the schema and the job that writes it always match.
 */
public final class ReportingSchema {

    private ReportingSchema() {}

    public static int migrate(Path jobJar, String url, String user, String password) {
        try (URLClassLoader jar = JobJar.at(jobJar).classLoader(ReportingSchema.class.getClassLoader())) {
            return Flyway.configure(jar)
                    .dataSource(url, user, password)
                    .locations("classpath:" + JobResources.REPORTING_MIGRATIONS)
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (FlywayException e) {
            throw new ClientException(
                    "cannot apply the reporting schema at " + url + ": "
                            + e.getMessage().lines().findFirst().orElse(""),
                    "check that the database runs, reporting.host/reporting.port, and postgres.admin-user/"
                            + "postgres.admin-password (the schema's owner; a wrong password is refused here)");
        } catch (IOException e) {
            throw new ClientException(
                    "cannot read " + jobJar + ": " + e.getMessage(), "rebuild: ./mvnw -DskipTests package");
        }
    }
}
