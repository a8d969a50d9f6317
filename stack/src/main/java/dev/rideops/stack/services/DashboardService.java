package dev.rideops.stack.services;

import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ProcessService;
import dev.rideops.stack.lifecycle.ServiceDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in dashboard: the rideops CLI itself running {@code dashboard} on 127.0.0.1, which reads the mart, the
 * search index and Prometheus. Like the generator it runs with the config of the command that started it (the
 * reporting password may be in it), handed over in a file only its user can read; healthy when
 * {@code /api/health} answers.
 */
public final class DashboardService extends ProcessService {

    public static final String NAME = "dashboard";
    static final String ADDRESS = "127.0.0.1";

    private final RuntimeLayout runtimes;
    private final String configHandover;

    public DashboardService(
            ServiceDirs dirs, int port, RuntimeLayout runtimes, String configHandover, LogRotation logRotation) {
        // A CLI JVM starts in about two seconds on the reference machine.
        super(NAME, dirs, port, Duration.ofSeconds(60), logRotation);
        this.runtimes = runtimes;
        this.configHandover = configHandover;
    }

    /** Written at start with mode 0600; the dashboard deletes it once it has read it. */
    public Path configHandoverFile() {
        return dirs.root().resolve("config-handover.json");
    }

    @Override
    protected void prepare() throws IOException {
        Files.createDirectories(dirs.root());
        RideopsProcess.writeOwnerOnly(configHandoverFile(), configHandover);
    }

    @Override
    protected List<String> command() {
        List<String> args = new ArrayList<>();
        args.add(RideopsProcess.HANDOVER_OPTION);
        args.add(configHandoverFile().toString());
        args.add("dashboard");
        args.add("--bind");
        args.add(ADDRESS);
        args.add("--port");
        args.add(Integer.toString(port()));
        return RideopsProcess.command(runtimes, "256m", args);
    }

    @Override
    public String probe() {
        return probeHttp("/api/health");
    }

    @Override
    public String endpoint() {
        return httpEndpoint();
    }
}
