package dev.rideops.cli.pipeline;

import dev.rideops.cli.config.ConfigHandover;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.stack.lifecycle.ProcessService;

/** The config a background rideops service (the generator, the exporter, the dashboard) starts with. */
public final class ServiceHandover {

    private ServiceHandover() {}

    /**
     * This command's config with the given passwords only. As it is when the service runs as rideops's own user: it
     * reads the same file, environment and home secrets again. Complete ({@link RideopsConfig#completeHandover}) when
     * it runs as its own user (rideops is root), who can open none of those and gets none of rideops's environment.
     *
     * @param service the stack's service (its watcher will do): whether it runs as its own user
     */
    public static ConfigHandover of(RideopsConfig config, ProcessService service, Setting... secrets) {
        ConfigHandover handover = service.user().isPresent() ? config.completeHandover() : config.handover();
        return handover.withOnlySecrets(secrets);
    }
}
