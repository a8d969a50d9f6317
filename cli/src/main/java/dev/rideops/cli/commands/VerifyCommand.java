package dev.rideops.cli.commands;

import dev.rideops.cli.options.DurationConverter;
import dev.rideops.cli.options.JsonMixin;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify",
        description = "Wait for the pipeline to drain, then recompute every pinned and catalogue metric from the "
                + "source and compare with the mart and the search index. Exits 0 only when all match.")
public class VerifyCommand extends BaseCommand {

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
            description = "Check closed buckets of this window (default ${DEFAULT-VALUE}).")
    Duration since;

    @Option(names = "--all", description = "Check every bucket, not just --since.")
    boolean all;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "5m",
            converter = DurationConverter.class,
            description = "How long to wait for the pipeline to drain (default ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Mixin
    JsonMixin json;

    @Override
    protected int execute() {
        config();
        throw notBuiltYet("verify");
    }
}
