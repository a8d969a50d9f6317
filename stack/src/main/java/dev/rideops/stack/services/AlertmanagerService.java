package dev.rideops.stack.services;

import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.ServerUser;
import dev.rideops.stack.secrets.Secrets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The local Alertmanager: receives what the local Prometheus fires, groups it and lets users silence it
 * ({@code amtool}), and notifies one receiver: a webhook to the pipeline exporter, which appends each alert, firing
 * and resolved, to the log {@code rideops alerts --history} reads ({@link ExporterService#alertsLog}).
 */
public final class AlertmanagerService extends MonitoringService {

    public static final String NAME = "alertmanager";
    /** Debian's name for it, then upstream's. */
    public static final List<String> BINARIES = List.of("prometheus-alertmanager", "alertmanager");

    static final String EXPORTER_PASSWORD_FILE = "exporter-password";

    private final StackSpec.Monitoring monitoring;
    private final Supplier<String> exporterPassword;

    /** @param exporterPassword what the webhook sends to the exporter (basic auth), looked up at each start */
    public AlertmanagerService(
            ServiceDirs dirs,
            ServerUser user,
            StackSpec.Monitoring monitoring,
            Supplier<String> exporterPassword,
            LogRotation logRotation) {
        super(NAME, dirs, monitoring.alertmanagerPort(), monitoring.alertmanager(), user, logRotation);
        this.monitoring = monitoring;
        this.exporterPassword = exporterPassword;
    }

    /** Its own copy of the exporter's password, as Prometheus has ({@link PrometheusService#exporterPasswordFile}). */
    Path exporterPasswordFile() {
        return dirs.conf().resolve(EXPORTER_PASSWORD_FILE);
    }

    /**
     * Alerts grouped by name, each group notified 10 s after its first alert (Prometheus's {@code for:} has already
     * waited) and changes within a minute, so a short alert still reaches the log and a resolution soon follows.
     */
    static String config(StackSpec.Monitoring monitoring, Path exporterPasswordFile) {
        return """
                # written by rideops; regenerated on every start
                route:
                  receiver: rideops
                  group_by: [alertname]
                  group_wait: 10s
                  group_interval: 1m
                receivers:
                  # the pipeline exporter appends each alert to the log 'rideops alerts --history' reads
                  - name: rideops
                    webhook_configs:
                      - url: 'http://127.0.0.1:%d%s'
                        send_resolved: true
                        http_config:
                          basic_auth:
                            username: '%s'
                            password_file: '%s'
                """.formatted(
                        monitoring.exporterPort(),
                        ExporterService.ALERTMANAGER_PATH,
                        monitoring.exporterUser(),
                        exporterPasswordFile.toString().replace("'", "''"));
    }

    @Override
    protected void writeConfig() throws IOException {
        // no newline: the file's content is the password, byte for byte; 0600 and its user's, never in the config
        Secrets.writeOwnerOnly(exporterPasswordFile(), exporterPassword.get());
        user.own(exporterPasswordFile());
        writeConfigFile("alertmanager.yml", config(monitoring, exporterPasswordFile()));
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
