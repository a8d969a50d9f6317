package dev.rideops.stack.services;

import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.lifecycle.JavaCommand;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ProcessService;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.ProcessArgs;
import dev.rideops.stack.secrets.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The traffic generator running in the background: the rideops CLI itself running {@code generate}, which reports
 * its progress to a status file. Healthy once it has written that file; SIGTERM makes it finish its batch and exit.
 *
 * <p>It runs with the config of the command that started it, handed over in a file only its user can read: the
 * settings may hold passwords, and a command line is visible to every user in {@code ps} and is written to the
 * service log.
 */
public final class GeneratorService extends ProcessService {

    public static final String NAME = "generator";

    private static final String HANDOVER_OPTION = "--config-handover";
    private static final String STATUS_OPTION = "--status-file";

    private final RuntimeLayout runtimes;
    private final List<String> cliArgs;
    private final String configHandover;

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
        super(NAME, dirs, 0, Duration.ofSeconds(120), logRotation);
        this.runtimes = runtimes;
        this.cliArgs = List.copyOf(cliArgs);
        this.configHandover = configHandover;
    }

    public Path statusFile() {
        return dirs.root().resolve("status.json");
    }

    /** Written at start with mode 0600; the generator deletes it once it has read it. */
    public Path configHandoverFile() {
        return dirs.root().resolve("config-handover.json");
    }

    @Override
    protected void prepare() throws IOException {
        Files.deleteIfExists(statusFile());
        Secrets.writeOwnerOnly(configHandoverFile(), configHandover);
    }

    @Override
    protected List<String> command() {
        List<String> args = new ArrayList<>();
        args.add(HANDOVER_OPTION);
        args.add(configHandoverFile().toString());
        args.addAll(cliArgs);
        args.add(STATUS_OPTION);
        args.add(statusFile().toString());
        return JavaCommand.of("io.quarkus.bootstrap.runner.QuarkusEntryPoint")
                .jvm("-Xmx512m")
                .property("rideops.dist", runtimes.dist())
                .classes(runtimes.dist().resolve("cli/target/quarkus-app/quarkus-run.jar"))
                .args(args)
                .build();
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
