package dev.rideops.cli.commands;

import dev.rideops.stack.RuntimeLayout;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --results}: where 'bench' and 'chaos suite' write their result directory. */
public final class ResultsOption {

    @Option(
            names = "--results",
            paramLabel = "DIR",
            description = "Where results go (default bench/results in the rideops checkout).")
    Path results;

    /** The given directory, or bench/results in the rideops checkout. */
    Path dir() {
        return results == null ? RuntimeLayout.locate().dist().resolve("bench/results") : results;
    }
}
