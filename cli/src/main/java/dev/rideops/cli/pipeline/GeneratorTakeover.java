package dev.rideops.cli.pipeline;

import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.stack.Stack;
import dev.rideops.stack.services.GeneratorService;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Pauses the background generator that {@code up} or {@code generate --detach} started, for a command that must be
 * the only writer to the source (the bench sets the rate itself). It is stopped the way {@code generate stop} does,
 * and on close started again with the arguments it ran with, unless told not to; close runs on failure too. The
 * caller holds the home lock: stopping and starting a service changes the stack.
 */
public final class GeneratorTakeover implements AutoCloseable {

    private final Stack stack;
    private final RideopsConfig config;
    private final PrintWriter err;
    /** The taken-over generator's rideops arguments; null when none ran. */
    private final List<String> args;

    private final boolean resume;

    private GeneratorTakeover(Stack stack, RideopsConfig config, PrintWriter err, List<String> args, boolean resume) {
        this.stack = stack;
        this.config = config;
        this.err = err;
        this.args = args;
        this.resume = resume;
    }

    /**
     * Stops the background generator if one runs, saying so on {@code err}.
     *
     * @param purpose who takes over, for the message ("the bench")
     * @param resume whether close starts it again
     */
    public static GeneratorTakeover begin(
            Stack stack, RideopsConfig config, String purpose, boolean resume, PrintWriter err) {
        GeneratorService generator = stack.generator();
        if (generator.process().isEmpty()) {
            return new GeneratorTakeover(stack, config, err, null, false);
        }
        long pid = generator.process().get().pid();
        // Read before stopping: a generator that could not be started again is left alone.
        List<String> args = generator
                .runningArgs()
                .orElseThrow(() -> new RideopsException(
                        "a background generator runs (pid " + pid + ") but its command line cannot be read, so "
                                + purpose + " could not start it again afterwards",
                        "stop it with 'rideops generate stop', then run this command again"));
        boolean forced = BackgroundGenerator.stop(generator);
        err.printf(
                Locale.ROOT,
                "rideops: took over the background generator (pid %d, 'rideops %s'): stopped it%s for %s; %s%n",
                pid,
                String.join(" ", args),
                forced ? " by force after " + BackgroundGenerator.STOP_GRACE.toSeconds() + "s" : "",
                purpose,
                resume
                        ? "it starts again afterwards (--no-resume keeps it stopped)"
                        : "it stays stopped (--no-resume)");
        err.flush();
        return new GeneratorTakeover(stack, config, err, args, resume);
    }

    /**
     * This takeover for one run within a longer command (each part of a chaos suite): it tells whether a generator
     * was stopped, and its close starts nothing, so the generator stays stopped between the runs and this takeover's
     * own close starts it once, at the end.
     */
    public GeneratorTakeover borrow() {
        return new GeneratorTakeover(stack, config, err, args, false);
    }

    /** Whether a background generator was stopped (its writes may take a moment to end in the database). */
    public boolean tookOver() {
        return args != null;
    }

    /** Starts the taken-over generator again with its arguments and this command's config. */
    @Override
    public void close() {
        if (args == null || !resume) {
            return;
        }
        // After a Ctrl-C the thread is interrupted; the wait for the restarted generator must not end at once.
        boolean interrupted = Thread.interrupted();
        try {
            long pid = BackgroundGenerator.start(stack, config, args, err);
            err.printf(
                    Locale.ROOT,
                    "rideops: the background generator runs again (pid %d, 'rideops %s')%n",
                    pid,
                    String.join(" ", args));
            err.flush();
        } catch (IOException e) {
            throw new RideopsException(
                    "cannot start the background generator again: " + e.getMessage(),
                    "start it with 'rideops " + String.join(" ", args) + " --detach'",
                    e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
