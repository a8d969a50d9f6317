package dev.rideops.cli.pipeline;

import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.stack.Stack;
import dev.rideops.stack.lifecycle.Service;
import dev.rideops.stack.lifecycle.ServiceFailedException;
import dev.rideops.stack.services.GeneratorService;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * Starts {@code rideops generate} as the stack's background generator service, for {@code --detach} and {@code up},
 * and stops it cleanly, for {@code generate stop} and a bench taking over.
 */
public final class BackgroundGenerator {

    /** How long a stopping generator may take to finish its batch before it is killed. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private BackgroundGenerator() {}

    /** SIGTERM: it finishes its current batch and exits (killed after {@link #STOP_GRACE}); true if it was killed. */
    public static boolean stop(Service generator) {
        return generator.stop(STOP_GRACE);
    }

    /**
     * Starts it with this command's config and waits until it reports progress; returns its pid.
     *
     * @param cliArgs its {@code generate} arguments; the config travels separately, as they may be shown to anyone
     */
    public static long start(Stack stack, RideopsConfig config, List<String> cliArgs, PrintWriter err)
            throws IOException {
        // It writes as the generator's role only, so its hand-over carries no password but its own: the schema and
        // the roles are the starter's to prepare first ('up' did when the databases came up, 'generate --detach'
        // does as a foreground run would; see DatabaseSetup), never the background run's.
        stack.linkFilesIntoHome();
        GeneratorService generator = stack.generator(
                cliArgs,
                ServiceHandover.of(config, stack.generator(), Setting.SOURCE_PASSWORD)
                        .toJson());
        if (generator.process().isPresent()) {
            throw new RideopsException(
                    "a generator is already running (pid "
                            + generator.process().get().pid() + ")",
                    "stop it first with 'rideops generate stop'");
        }
        generator.start();
        try {
            generator.awaitHealthy(generator.startTimeout());
        } catch (ServiceFailedException e) {
            generator.stop(Duration.ofSeconds(10));
            e.logTail().forEach(line -> err.println("    " + line));
            throw new RideopsException(
                    "the generator did not start: " + e.getMessage(), "see 'rideops logs generator'");
        }
        return generator.process().map(ProcessHandle::pid).orElse(-1L);
    }
}
