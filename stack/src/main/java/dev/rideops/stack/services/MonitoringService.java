package dev.rideops.stack.services;

import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ProcessService;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.ServerUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Prometheus or Alertmanager: a server from the OS's packages, listening on 127.0.0.1 only, with its config in
 * {@code conf/} and its data in {@code data/}, and ready when {@code /-/ready} answers. As root it runs as the
 * unprivileged user of its own ({@link ServerUser}): neither needs root, and a scraper should not have it.
 */
abstract class MonitoringService extends ProcessService {

    protected final ServerUser user;
    private final Path binary;

    /** @param dirs under a directory the unprivileged user can reach ({@link ServerUser#filesRoot}) */
    MonitoringService(String name, ServiceDirs dirs, int port, Path binary, ServerUser user, LogRotation logRotation) {
        // Both are ready in about a second; a Prometheus replaying a large write-ahead log needs longer.
        super(name, dirs, port, Duration.ofSeconds(60), logRotation);
        this.binary = binary;
        this.user = user;
        runAs(user);
    }

    /** Writes the server's config files into {@code conf/}, with {@link #writeConfigFile}. */
    protected abstract void writeConfig() throws IOException;

    /** The server's own arguments; the listen address is {@link #listenAddress()}. */
    protected abstract List<String> arguments();

    @Override
    protected final void prepare() throws IOException {
        Files.createDirectories(dirs.data());
        writeConfig();
    }

    @Override
    protected final List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(arguments());
        return command;
    }

    protected String listenAddress() {
        return "127.0.0.1:" + port();
    }

    /** A config file the server user can read; rewritten on every start. */
    protected Path writeConfigFile(String fileName, String content) throws IOException {
        Path file = dirs.conf().resolve(fileName);
        Files.writeString(file, content);
        addPermissions(file, PosixFilePermission.OTHERS_READ);
        return file;
    }

    private static void addPermissions(Path path, PosixFilePermission... added) throws IOException {
        Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(path));
        permissions.addAll(List.of(added));
        Files.setPosixFilePermissions(path, permissions);
    }

    @Override
    public String probe() {
        return probeHttp("/-/ready");
    }

    @Override
    public String endpoint() {
        return httpEndpoint();
    }
}
