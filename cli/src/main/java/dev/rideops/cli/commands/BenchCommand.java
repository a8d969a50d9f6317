package dev.rideops.cli.commands;

import dev.rideops.cli.options.DurationConverter;
import dev.rideops.cli.options.JsonMixin;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench",
        description = "Drive the generator at a fixed rate (or a ramp) against the running pipeline and measure "
                + "throughput, commit-to-visible latency percentiles and lag; results go to bench/results/.",
        subcommands = BenchCommand.Compare.class)
public class BenchCommand extends BaseCommand {

    @Option(names = "--eps", paramLabel = "N", description = "Target source row changes per second.")
    Integer eps;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Length of a fixed-rate run (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--ramp", paramLabel = "FROM:TO:STEP", description = "Ramp the rate, e.g. 1000:5000:1000.")
    String ramp;

    @Option(names = "--step", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Time per ramp step (default ${DEFAULT-VALUE}).")
    Duration step;

    @Option(names = "--find-max", description = "Search the highest rate that holds p99 under --slo with bounded lag.")
    boolean findMax;

    @Option(names = "--slo", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "p99 commit-to-snapshot latency objective (default ${DEFAULT-VALUE}).")
    Duration slo;

    @Option(names = "--workload", paramLabel = "NAME|FILE", description = "A workload file from scenarios/.")
    String workload;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Excluded from the figures (default ${DEFAULT-VALUE}).")
    Duration warmup;

    @Mixin
    JsonMixin json;

    @Override
    protected int execute() {
        config();
        throw notBuiltYet("bench");
    }

    @Command(name = "compare", description = "Print the ratio of two bench runs' figures (B relative to A).")
    static class Compare extends BaseCommand {
        @Parameters(index = "0", paramLabel = "A", description = "A result directory or result.json.")
        Path a;

        @Parameters(index = "1", paramLabel = "B", description = "A result directory or result.json.")
        Path b;

        @Mixin
        JsonMixin json;

        @Override
        protected int execute() {
            config();
            throw notBuiltYet("bench compare");
        }
    }
}
