package dev.rideops.stack.services;

import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.ServerUser;
import java.io.IOException;
import java.util.List;

/**
 * The local Alertmanager: receives what the local Prometheus fires, groups it and lets users silence it
 * ({@code amtool}), and notifies no one: its one receiver has no integrations. The alert history comes from
 * Prometheus's {@code ALERTS} series, not from here.
 */
public final class AlertmanagerService extends MonitoringService {

    public static final String NAME = "alertmanager";
    /** Debian's name for it, then upstream's. */
    public static final List<String> BINARIES = List.of("prometheus-alertmanager", "alertmanager");

    static final String CONFIG = """
            # written by rideops; regenerated on every start
            route:
              receiver: rideops
              group_by: [alertname]
            receivers:
              # no notifications: 'rideops alerts' lists what fires, Prometheus keeps the history
              - name: rideops
            """;

    public AlertmanagerService(
            ServiceDirs dirs, ServerUser user, StackSpec.Monitoring monitoring, LogRotation logRotation) {
        super(NAME, dirs, monitoring.alertmanagerPort(), monitoring.alertmanager(), user, logRotation);
    }

    @Override
    protected void writeConfig() throws IOException {
        writeConfigFile("alertmanager.yml", CONFIG);
    }

    @Override
    protected List<String> arguments() {
        return List.of(
                "--config.file=" + dirs.conf().resolve("alertmanager.yml"),
                "--storage.path=" + dirs.data(),
                "--web.listen-address=" + listenAddress(),
                // No gossip: one node needs no cluster, and the default 0.0.0.0:9094 is the third broker's port.
                "--cluster.listen-address=");
    }
}
