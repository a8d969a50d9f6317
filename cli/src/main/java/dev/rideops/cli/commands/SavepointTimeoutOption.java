package dev.rideops.cli.commands;

import dev.rideops.cli.options.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --timeout}: how long a savepoint may take ('job savepoint', 'job stop'). */
public final class SavepointTimeoutOption {

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "2m",
            converter = DurationConverter.class,
            description = "How long the savepoint may take (default ${DEFAULT-VALUE}).")
    Duration timeout;

    Duration get() {
        return timeout;
    }
}
