package dev.rideops.cli.pipeline;

import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.scenarios.Profiles;
import dev.rideops.stack.Stack;
import dev.rideops.stack.lifecycle.Service;
import dev.rideops.stack.lifecycle.ServiceFailedException;
import dev.rideops.stack.services.GeneratorService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Starts {@code rideops generate} as the stack's background generator service, for {@code --detach} and {@code up},
 * and stops it cleanly, for {@code generate stop} and a bench taking over.
 */
public final class BackgroundGenerator {

    private static final String SCENARIO = "--scenario";

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
        Optional<Path> scenarioFile = scenarioFile(cliArgs);
        GeneratorService generator = stack.generator(
                scenarioFile
                        .map(f -> readingOwnCopy(cliArgs, stack.generator().ownCopy(f)))
                        .orElse(cliArgs),
                ServiceHandover.of(config, stack.generator(), Setting.SOURCE_PASSWORD)
                        .toJson());
        scenarioFile.ifPresent(f -> generator.readsFiles(List.of(f)));
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

    /**
     * The scenario file its arguments name (not a shipped scenario), as an absolute path: the background run starts
     * in another directory, and as root it runs as its own user, who may not read the file where it is, so it reads a
     * copy ({@link GeneratorService#readsFiles}).
     */
    static Optional<Path> scenarioFile(List<String> cliArgs) {
        int at = cliArgs.indexOf(SCENARIO);
        if (at < 0
                || at + 1 >= cliArgs.size()
                || Profiles.SCENARIOS.contains(cliArgs.get(at + 1).toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        Path file = Path.of(cliArgs.get(at + 1)).toAbsolutePath().normalize();
        if (!Files.isReadable(file)) {
            throw new RideopsException(
                    "cannot read the scenario file " + file,
                    "give a shipped scenario (rideops generate --list-scenarios) or a readable .yaml file");
        }
        return Optional.of(file);
    }

    /** The arguments with the scenario file's value replaced by where the background run reads it. */
    static List<String> readingOwnCopy(List<String> cliArgs, Path copy) {
        List<String> args = new ArrayList<>(cliArgs);
        args.set(args.indexOf(SCENARIO) + 1, copy.toString());
        return args;
    }
}
