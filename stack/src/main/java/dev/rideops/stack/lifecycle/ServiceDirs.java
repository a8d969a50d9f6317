package dev.rideops.stack.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The directory of one service under {@code $RIDEOPS_HOME/services/<name>}: data, config, log and pid. */
public record ServiceDirs(Path root) {

    public static ServiceDirs of(Path home, String service) {
        return new ServiceDirs(home.resolve("services").resolve(service));
    }

    public Path data() {
        return root.resolve("data");
    }

    public Path conf() {
        return root.resolve("conf");
    }

    public Path log() {
        return root.resolve("service.log");
    }

    public Path pid() {
        return root.resolve("service.pid");
    }

    /**
     * A copy of the pid file beside the directory ({@code services/<name>.pid}), in root's directory, for users who
     * may not enter this one (see {@link PidFile}).
     */
    public Path pidForOthers() {
        return root.resolveSibling(root.getFileName() + ".pid");
    }

    public ServiceDirs create() throws IOException {
        Files.createDirectories(root);
        Files.createDirectories(conf());
        return this;
    }
}
