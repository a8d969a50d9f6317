package dev.rideops.stack.services;

import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.lifecycle.JavaCommand;
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
 * The traffic generator running in the background: the rideops CLI itself running {@code generate}, which reports
 * its progress to a status file. Healthy once it has written that file; SIGTERM makes it finish its batch and exit.
 */
public final class GeneratorService extends ProcessService {

    public static final String NAME = "generator";

    private final RuntimeLayout runtimes;
    private final List<String> cliArgs;

    /** @param cliArgs the rideops arguments of the run, e.g. {@code generate --volume small} */
    public GeneratorService(ServiceDirs dirs, RuntimeLayout runtimes, List<String> cliArgs, LogRotation logRotation) {
        super(NAME, dirs, 0, Duration.ofSeconds(120), logRotation);
        this.runtimes = runtimes;
        this.cliArgs = List.copyOf(cliArgs);
    }

    public Path statusFile() {
        return dirs.root().resolve("status.json");
    }

    @Override
    protected void prepare() throws IOException {
        Files.deleteIfExists(statusFile());
    }

    @Override
    protected List<String> command() {
        List<String> args = new ArrayList<>(cliArgs);
        args.add("--status-file");
        args.add(statusFile().toString());
        return JavaCommand.of("io.quarkus.bootstrap.runner.QuarkusEntryPoint")
                .jvm("-Xmx512m")
                .property("rideops.dist", runtimes.dist())
                .classes(runtimes.dist().resolve("cli/target/quarkus-app/quarkus-run.jar"))
                .args(args)
                .build();
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
