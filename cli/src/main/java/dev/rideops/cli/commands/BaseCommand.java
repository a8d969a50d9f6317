package dev.rideops.cli.commands;

import dev.rideops.cli.RideopsCommand;
import dev.rideops.cli.VersionProvider;
import dev.rideops.cli.config.FlagValue;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.stack.HomeLock;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: its streams (results on stdout, progress and errors on stderr), the effective
 * config, and the exit-code convention (return 0, or throw a RideopsException).
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        sortOptions = false)
public abstract class BaseCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    private RideopsConfig config;

    @Override
    public final Integer call() throws Exception {
        if (!changesStack()) {
            return execute();
        }
        try (HomeLock lock = StackLock.take(config().home(), spec.root().commandLine())) {
            return execute();
        }
    }

    protected abstract int execute() throws Exception;

    /**
     * Whether this run starts, stops or redeploys the stack: then it holds the home's lock from start to end, so
     * two such commands never interleave. Read-only commands return false and run alongside them.
     */
    protected boolean changesStack() {
        return false;
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected RideopsCommand root() {
        return (RideopsCommand) spec.root().userObject();
    }

    /** The effective config: defaults, file, environment, then global flags and this command's own flags. */
    protected RideopsConfig config() {
        if (config == null) {
            config = root().loadConfig(configFlags());
            if (needsSecrets()) {
                config = config.withGeneratedSecrets();
            }
        }
        return config;
    }

    /**
     * Whether this command sets up the stack or its database roles, so the passwords the user did not set are
     * generated first (into {@code $RIDEOPS_HOME/secrets}); other commands read the ones that exist.
     */
    protected boolean needsSecrets() {
        return false;
    }

    /** Flags of this command that override settings, e.g. {@code up --brokers 3}. */
    protected List<FlagValue> configFlags() {
        return List.of();
    }
}
