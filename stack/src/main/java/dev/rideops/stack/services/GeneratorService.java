package dev.rideops.stack.services;

import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.ProcessArgs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The traffic generator running in the background: the rideops CLI itself running {@code generate}, which reports
 * its progress to a status file. Healthy once it has written that file; SIGTERM makes it finish its batch and exit.
 * It runs with the config of the command that started it ({@link RideopsProcess}).
 */
public final class GeneratorService extends RideopsProcess {

    public static final String NAME = "generator";

    private static final String STATUS_OPTION = "--status-file";

    /**
     * @param cliArgs the rideops arguments of the run, e.g. {@code generate --volume small}; never secrets
     * @param configHandover what the CLI's {@code --config-handover FILE} reads: the starting command's config
     */
    public GeneratorService(
            ServiceDirs dirs,
            RuntimeLayout runtimes,
            List<String> cliArgs,
            String configHandover,
            LogRotation logRotation) {
        super(NAME, dirs, 0, Duration.ofSeconds(120), runtimes, cliArgs, configHandover, 512, logRotation);
    }

    public Path statusFile() {
        return dirs.root().resolve("status.json");
    }

    @Override
    protected void prepare() throws IOException {
        Files.deleteIfExists(statusFile());
        super.prepare();
    }

    @Override
    protected List<String> trailingArgs() {
        return List.of(STATUS_OPTION, statusFile().toString());
    }

    /**
     * The rideops arguments the running generator was started with (e.g. {@code generate --volume small}), read
     * from its command line, so it can be started again the same way. Empty when none runs or they cannot be read.
     */
    public Optional<List<String>> runningArgs() {
        return process().flatMap(p -> ProcessArgs.of(Path.of("/proc"), p.pid())).flatMap(GeneratorService::cliArgs);
    }

    /** The inverse of {@link #command()}: what lies between the hand-over file and the status file. */
    static Optional<List<String>> cliArgs(List<String> commandLine) {
        int handover = commandLine.indexOf(HANDOVER_OPTION);
        int status = commandLine.lastIndexOf(STATUS_OPTION);
        if (handover < 0 || status < handover + 2) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(commandLine.subList(handover + 2, status)));
    }

    @Override
    public String probe() {
        return Files.isRegularFile(statusFile()) ? null : "has not reported progress yet";
    }

    @Override
    public String endpoint() {
        return statusFile().toString();
    }
}
