package dev.rideops.cli.config;

import dev.rideops.cli.error.UsageException;
import dev.rideops.clients.http.BasicAuth;
import java.util.Optional;

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

    /**
     * What rideops sends to Kafka Connect's REST API: the local worker's login, or a remote cluster's. None when no
     * password is set or stored (a remote Connect without auth, or a home whose stack never ran): Connect then says
     * 401 if it wants one, and the client's message names these settings.
     */
    public static Optional<BasicAuth> connect(RideopsConfig config) {
        String password = config.get(Setting.CONNECT_PASSWORD);
        return password.isEmpty()
                ? Optional.empty()
                : Optional.of(new BasicAuth(config.get(Setting.CONNECT_USER), password));
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
