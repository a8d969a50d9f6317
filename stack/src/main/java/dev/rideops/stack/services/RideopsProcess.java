package dev.rideops.stack.services;

import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.lifecycle.JavaCommand;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ProcessService;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.secrets.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rideops CLI itself running one of its commands as a background service (the generator, the pipeline
 * exporter, the dashboard), with the config of the command that started it.
 *
 * <p>That config is handed over in a file only its user can read: the settings may hold passwords, and a command
 * line is visible to every user in {@code ps} and is written to the service log. When rideops is root it runs as its
 * own user, like the servers ({@link #runAs}): then it can open nothing of root's, so its hand-over must hold all it
 * needs, and the files it reads besides are its own copies ({@link #readsFiles}).
 */
abstract class RideopsProcess extends ProcessService {

    static final String HANDOVER_OPTION = "--config-handover";

    private final RuntimeLayout runtimes;
    private final List<String> cliArgs;
    private final String configHandover;
    private final int heapMb;
    private List<Path> readFiles = List.of();

    /**
     * @param cliArgs the rideops arguments of the run, e.g. {@code generate --volume small}; never secrets
     * @param configHandover what the CLI's {@code --config-handover FILE} reads: the starting command's config
     */
    RideopsProcess(
            String name,
            ServiceDirs dirs,
            int port,
            Duration startTimeout,
            RuntimeLayout runtimes,
            List<String> cliArgs,
            String configHandover,
            int heapMb,
            LogRotation logRotation) {
        super(name, dirs, port, startTimeout, logRotation);
        this.runtimes = runtimes;
        this.cliArgs = List.copyOf(cliArgs);
        this.configHandover = configHandover;
        this.heapMb = heapMb;
    }

    /** Written at start with mode 0600; the started process deletes it once it has read it. */
    public Path configHandoverFile() {
        return dirs.root().resolve("config-handover.json");
    }

    /**
     * The files it reads besides its hand-over, which its own user could not open where they are (the dashboard's
     * Flink REST stores in the home's secrets directory, a scenario file the user named): when it runs as that user,
     * each is copied at start into its config directory, 0600 and its user's, as the servers' secrets are. Set before
     * the start.
     */
    public void readsFiles(List<Path> files) {
        this.readFiles = List.copyOf(files);
    }

    /**
     * Where it reads such a file: its own copy when it runs as its own user ({@link #readsFiles}), else the file
     * itself; what its hand-over or arguments name.
     */
    public Path ownCopy(Path file) {
        return user().isPresent() ? dirs.conf().resolve(file.getFileName()) : file;
    }

    @Override
    protected void prepare() throws IOException {
        // the handover lies in its directory, which the start gives its user with everything else there
        Secrets.writeOwnerOnly(configHandoverFile(), configHandover);
        for (Path file : readFiles) {
            Path copy = ownCopy(file);
            if (copy.equals(file)) {
                continue;
            }
            if (Files.isRegularFile(file)) {
                Secrets.writeOwnerOnly(copy, Files.readAllBytes(file));
                ownByServiceUser(copy);
            } else {
                // none to copy (certificates not issued yet): no stale copy either
                Files.deleteIfExists(copy);
            }
        }
    }

    /** Arguments after the command's own, e.g. where it reports progress. */
    protected List<String> trailingArgs() {
        return List.of();
    }

    @Override
    protected List<String> command() {
        List<String> args = new ArrayList<>();
        args.add(HANDOVER_OPTION);
        args.add(configHandoverFile().toString());
        args.addAll(cliArgs);
        args.addAll(trailingArgs());
        return JavaCommand.of("io.quarkus.bootstrap.runner.QuarkusEntryPoint")
                .jvm("-Xmx" + heapMb + "m")
                .property("rideops.dist", runtimes.dist())
                .classes(runtimes.dist().resolve("cli/target/quarkus-app/quarkus-run.jar"))
                .args(args)
                .build();
    }
}
