package dev.rideops.cli.commands;

import dev.rideops.cli.config.FlagValue;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.options.DurationConverter;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.scenarios.Volume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate",
        description = "Play riders and drivers against the source database: a seeded history, or a live stream "
                + "at a target rate.",
        subcommands = GenerateCommand.Stop.class)
public class GenerateCommand extends BaseCommand {

    public enum Mode { SEED, STREAM;
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--mode", paramLabel = "seed|stream", defaultValue = "stream",
            description = "seed writes a consistent past history fast; stream plays live with event time now "
                    + "(default ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--volume", paramLabel = "VOLUME",
            description = "Traffic preset: ${COMPLETION-CANDIDATES} (default small).")
    Volume volume;

    @Option(names = "--eps", paramLabel = "N", description = "Target source row changes per second (rate-limited).")
    Integer eps;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long, e.g. 10m (default: until stopped).")
    Duration duration;

    @Option(names = "--history", paramLabel = "DURATION", defaultValue = "1d", converter = DurationConverter.class,
            description = "Seed mode: how much past to write (default ${DEFAULT-VALUE}).")
    Duration history;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed, for reproducible runs.")
    Long seed;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "Load scenario: steady, surge, bad-weather, network-latency (see --list-scenarios).")
    String scenario;

    @Option(names = "--list-scenarios", description = "Describe the available scenarios and exit.")
    boolean listScenarios;

    @Option(names = "--detach", description = "Run in the background; stop with 'rideops generate stop'.")
    boolean detach;

    @Option(names = "--stream-max-inflight", paramLabel = "N", description = "Most bookings in flight at once.")
    Integer maxInflight;

    @Option(names = "--stream-new-booking-prob", paramLabel = "P",
            description = "Chance of a new booking per step, 0..1.")
    Double newBookingProb;

    @Option(names = "--stream-driver-updates", paramLabel = "N", description = "Driver location pings per step.")
    Integer driverUpdates;

    @Option(names = "--stream-sleep-min", paramLabel = "SECONDS", description = "Shortest pause between steps.")
    Double sleepMin;

    @Option(names = "--stream-sleep-max", paramLabel = "SECONDS", description = "Longest pause between steps.")
    Double sleepMax;

    @Mixin
    JsonMixin json;

    @Override
    protected List<FlagValue> configFlags() {
        List<FlagValue> flags = new ArrayList<>();
        if (volume != null) {
            flags.add(new FlagValue(Setting.GENERATOR_VOLUME, volume.toString(), "--volume"));
        }
        return flags;
    }

    @Override
    protected int execute() {
        config();
        throw notBuiltYet("generate");
    }

    @Command(name = "stop", description = "Stop a generator started with --detach or by 'rideops up', cleanly.")
    static class Stop extends BaseCommand {
        @Override
        protected int execute() {
            config();
            throw notBuiltYet("generate stop");
        }
    }
}
