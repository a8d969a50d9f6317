package dev.rideops.cli.config;

import dev.rideops.cli.error.UsageException;
import dev.rideops.clients.http.BasicAuth;

/**
 * The logins of rideops's own HTTP servers, from the config: the dashboard's (a person's browser) and the pipeline
 * exporter's (what Prometheus sends). Their passwords are generated like the database roles' ({@link
 * GeneratedSecrets}) unless the user sets them.
 */
public final class Logins {

    private Logins() {}

    public static BasicAuth dashboard(RideopsConfig config) {
        return of(config, Setting.DASHBOARD_USER, Setting.DASHBOARD_PASSWORD);
    }

    public static BasicAuth exporter(RideopsConfig config) {
        return of(config, Setting.MONITORING_EXPORTER_USER, Setting.MONITORING_EXPORTER_PASSWORD);
    }

    private static BasicAuth of(RideopsConfig config, Setting user, Setting password) {
        if (config.get(password).isEmpty()) {
            // only a user's explicit empty value gets here: an unset one is generated
            throw new UsageException(
                    password.key() + " is empty (from " + config.origin(password) + ")",
                    "set a password there, or unset " + password.envName() + " and the setting so rideops generates"
                            + " one into $RIDEOPS_HOME/secrets");
        }
        return new BasicAuth(config.get(user), config.get(password));
    }
}
