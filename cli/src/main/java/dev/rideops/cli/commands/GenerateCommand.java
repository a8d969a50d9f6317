package dev.rideops.cli.commands;

import dev.rideops.cli.config.FlagValue;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.config.SourceDbs;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.RootCause;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.options.DurationConverter;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.options.LocalHourConverter;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.cli.pipeline.BackgroundGenerator;
import dev.rideops.cli.pipeline.DatabaseSetup;
import dev.rideops.generator.db.GeneratorLock;
import dev.rideops.generator.db.SourceDb;
import dev.rideops.generator.run.GeneratorRun;
import dev.rideops.generator.run.GeneratorSettings;
import dev.rideops.generator.run.GeneratorStats;
import dev.rideops.generator.run.GeneratorSummary;
import dev.rideops.generator.run.LocalHour;
import dev.rideops.generator.run.Mode;
import dev.rideops.scenarios.LoadScenario;
import dev.rideops.scenarios.Profiles;
import dev.rideops.scenarios.Volume;
import dev.rideops.scenarios.VolumeProfile;
import dev.rideops.stack.lifecycle.LogTail;
import dev.rideops.stack.lifecycle.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

@Command(
        name = "generate",
        description = "Play riders and drivers against the source database: a seeded history, or a live stream "
                + "at a target rate. Applies the source schema first.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  rideops generate --volume small                            # live, real-time clock, until Ctrl-C",
            "  rideops generate --volume large --eps 5000 --duration 10m  # a city sized for 5,000 changes/s at 18:00",
            "  rideops generate --volume small --local-hour 8             # the morning peak, whatever the time",
            "  rideops generate --mode seed --history 14d --volume medium --seed 7 --ping-interval 60  # two weeks",
            "  rideops generate --volume tiny --time-scale 12 --duration 1m          # whole rides within a minute"
        },
        subcommands = GenerateCommand.Stop.class)
public class GenerateCommand extends BaseCommand {

    @Option(
            names = "--mode",
            paramLabel = "seed|stream",
            defaultValue = "stream",
            description = "seed writes a consistent past history fast; stream plays live with event time now "
                    + "(default ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(
            names = "--volume",
            paramLabel = "VOLUME",
            description = "Traffic preset: ${COMPLETION-CANDIDATES} (default small).")
    Volume volume;

    @Option(
            names = "--eps",
            paramLabel = "N",
            description = "Target source row changes per second (rate-limited; replaces the preset's sleeps).")
    Integer eps;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Stop after this long, e.g. 10m (default: until stopped; seed mode: until now).")
    Duration duration;

    @Option(
            names = "--history",
            paramLabel = "DURATION",
            defaultValue = "1d",
            converter = DurationConverter.class,
            description = "Seed mode: how much past to write (default ${DEFAULT-VALUE}).")
    Duration history;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed, for reproducible runs (default: random).")
    Long seed;

    @Option(
            names = "--time-scale",
            paramLabel = "N",
            defaultValue = "1",
            description = "How many times faster than real time the city runs (default ${DEFAULT-VALUE}: real speed, "
                    + "a trip takes 10-20 minutes). 12 makes trips, waits and the riders' pace 12x faster, so a "
                    + "minute shows whole rides; the hour of the day and the ping interval stay real.")
    double timeScale;

    @Option(
            names = "--local-hour",
            paramLabel = "H|now",
            converter = LocalHourConverter.class,
            description = "The hour (0-23) the city's clock shows when the run starts (a seed: when its history ends), "
                    + "on a Wednesday, UTC+7; it runs on from there. Demand, shifts and traffic follow it; event "
                    + "times stay the wall clock's. Default: " + LocalHour.BUSY_HOUR
                    + " (the busy hour) with --eps, else now (the wall clock).")
    LocalHour localHour;

    @Option(
            names = "--scenario",
            paramLabel = "NAME",
            defaultValue = "steady",
            description =
                    "Load scenario: steady, surge, bad-weather, network-latency, drivers-offline, corrections, or a .yaml file "
                            + "(default ${DEFAULT-VALUE}; see --list-scenarios).")
    String scenario;

    @Option(names = "--list-scenarios", description = "Describe the available scenarios and exit.")
    boolean listScenarios;

    @Option(names = "--detach", description = "Run in the background; stop with 'rideops generate stop'.")
    boolean detach;

    @Option(names = "--stream-max-inflight", paramLabel = "N", description = "Most bookings in flight at once.")
    Integer maxInflight;

    @Option(
            names = "--stream-new-booking-prob",
            paramLabel = "P",
            description = "Demand against the preset's new_booking_prob, 0..1: 2x the preset's value asks for 2x the "
                    + "rides.")
    Double newBookingProb;

    @Option(
            names = "--stream-driver-updates",
            paramLabel = "N",
            description = "Pings against the preset's driver_updates: 2x the preset's value halves each online "
                    + "driver's ping interval (default every ~4 s).")
    Integer driverUpdates;

    @Option(
            names = "--ping-interval",
            paramLabel = "SECONDS",
            description = "Mean seconds between two location pings of one online driver (default 4). Pings are "
                    + "most of the rows: a long seed of bookings and people writes far fewer with e.g. 60.")
    Double pingInterval;

    @Option(names = "--stream-sleep-min", paramLabel = "SECONDS", description = "Shortest pause between steps.")
    Double sleepMin;

    @Option(names = "--stream-sleep-max", paramLabel = "SECONDS", description = "Longest pause between steps.")
    Double sleepMax;

    @Option(names = "--status-file", hidden = true, description = "Where a detached run reports its progress.")
    Path statusFile;

    @Mixin
    JsonMixin json;

    /** A detached run starts a service of the stack; a foreground run only writes to the source. */
    @Override
    protected boolean changesStack() {
        return detach && !listScenarios;
    }

    /**
     * It migrates the source and makes its roles, whose passwords must exist first; not when it runs as the
     * background service, whose starter did that and handed over the generator's password only.
     */
    @Override
    protected boolean needsSecrets() {
        return !listScenarios && !inBackground();
    }

    /** Started as the stack's generator service (which always reports to a status file). */
    private boolean inBackground() {
        return statusFile != null;
    }

    @Override
    protected List<FlagValue> configFlags() {
        List<FlagValue> flags = new ArrayList<>();
        if (volume != null) {
            flags.add(new FlagValue(Setting.GENERATOR_VOLUME, volume.toString(), "--volume"));
        }
        return flags;
    }

    @Override
    protected int execute() throws Exception {
        if (listScenarios) {
            return listScenarios();
        }
        GeneratorSettings settings = settings();
        if (!inBackground()) {
            // this may be the first thing to reach the source (a database of one's own): its schema and roles first
            DatabaseSetup.source(config());
        }
        if (detach) {
            return detached();
        }
        SourceDb db = SourceDbs.from(config());
        err().printf(
                        "rideops: generating (%s, volume %s, scenario %s, time scale %s, city clock %s, %s, seed %d) "
                                + "into %s; Ctrl-C stops cleanly%n",
                        settings.mode().name().toLowerCase(Locale.ROOT),
                        settings.volume(),
                        settings.scenario().name(),
                        fmtScale(settings.timeScale()),
                        settings.localHour().describe(),
                        settings.eps() > 0 ? "target " + settings.eps() + " changes/s" : "paced by the preset",
                        settings.seed(),
                        db);
        AtomicBoolean stop = new AtomicBoolean();
        // Ctrl-C or SIGTERM ('generate stop'): finish the batch, print the summary, then let the JVM go.
        try (OnSignal signals = new OnSignal(() -> stop.set(true), Duration.ofSeconds(20))) {
            GeneratorSummary summary = run(settings, db, stop);
            report(summary);
            return summary.errors() == 0 ? 0 : 1;
        }
    }

    private GeneratorSettings settings() {
        Volume chosen = Volume.valueOf(config().get(Setting.GENERATOR_VOLUME).toUpperCase(Locale.ROOT));
        VolumeProfile preset = Profiles.volume(chosen);
        VolumeProfile profile = preset;
        double interval = GeneratorSettings.DEFAULT_PING_INTERVAL_S;
        double demandFactor = 1;
        try {
            if (maxInflight != null) {
                profile = profile.withMaxInflight(maxInflight);
            }
            if (newBookingProb != null) {
                profile = profile.withNewBookingProb(newBookingProb);
                demandFactor = newBookingProb / preset.newBookingProb();
            }
            if (driverUpdates != null) {
                profile = profile.withDriverUpdates(driverUpdates);
                if (driverUpdates < 1) {
                    throw new IllegalArgumentException("--stream-driver-updates must be at least 1");
                }
                interval = interval * preset.driverUpdates() / driverUpdates;
            }
            if (sleepMin != null || sleepMax != null) {
                profile = profile.withSleep(
                        sleepMin == null ? profile.sleepMin() : sleepMin,
                        sleepMax == null ? Math.max(profile.sleepMax(), sleepMin) : sleepMax);
            }
            if (pingInterval != null) {
                interval = pingInterval;
            }
            LoadScenario load = Profiles.scenario(scenario);
            if (demandFactor != 1) {
                load = load.withDemandFactor(demandFactor);
            }
            return new GeneratorSettings(
                    mode,
                    chosen.toString(),
                    profile,
                    load,
                    eps == null ? 0 : eps,
                    duration,
                    history,
                    seed == null ? System.nanoTime() : seed,
                    timeScale,
                    interval,
                    localHour);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), "see 'rideops generate --help'");
        }
    }

    private GeneratorSummary run(GeneratorSettings settings, SourceDb db, AtomicBoolean stop) throws Exception {
        try (GeneratorLock lock = GeneratorLock.acquire(db)) {
            GeneratorRun run = new GeneratorRun(settings, db, new ProgressReporter(settings.eps()));
            return run.run(stop::get);
        } catch (IllegalStateException e) {
            throw new RideopsException(e.getMessage(), "stop it with 'rideops generate stop' first");
        } catch (SQLException e) {
            throw new RideopsException(
                    "the source database failed: " + RootCause.message(e),
                    "check that it runs ('rideops status') and try again",
                    e);
        }
    }

    /** Starts this same command in the background as the stack's generator service. */
    private int detached() throws java.io.IOException {
        long pid = BackgroundGenerator.start(Stacks.current(config()), config(), backgroundArgs(), err());
        out().println("generator running in the background (pid " + pid + "); follow it with "
                + "'rideops logs generator -f', stop it with 'rideops generate stop'");
        return 0;
    }

    /**
     * This command's own options as given, without {@code --detach}. The global ones stay out: {@code --set} may
     * carry a password, and the config reaches the background run through its hand-over instead.
     */
    List<String> backgroundArgs() {
        List<String> args = new ArrayList<>();
        if (root().verbose()) {
            args.add("--verbose");
        }
        args.add(spec.name());
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (option.inherited() || option.longestName().equals("--detach")) {
                continue;
            }
            if (option.arity().max() == 0) {
                args.add(option.longestName());
                continue;
            }
            for (String value : option.originalStringValues()) {
                args.add(option.longestName());
                args.add(value);
            }
        }
        return args;
    }

    private void report(GeneratorSummary summary) {
        if (json.enabled()) {
            Json.print(out(), summary);
            return;
        }
        Table table = new Table("TABLE", "ROWS");
        summary.rowsByTable().forEach(table::row);
        table.row("total", summary.rowsTotal());
        table.print(out());
        out().printf(
                        Locale.ROOT,
                        "%nthe city: %,d drivers (%,d online at the end, one ping every %.1f s each), %,d riders, "
                                + "%,d rides requested at time scale %s; %,d riders and %,d drivers quit, %,d and %,d "
                                + "came back%n",
                        summary.drivers(),
                        summary.onlineDriversAtEnd(),
                        summary.meanPingIntervalSeconds(),
                        summary.riders(),
                        summary.requested(),
                        fmtScale(summary.timeScale()),
                        summary.riderQuits(),
                        summary.driverQuits(),
                        summary.riderComebacks(),
                        summary.driverComebacks());
        out().printf(
                        Locale.ROOT,
                        "the city's clock: %02d:00 local when the run %s (%s); %,d rows of sign-ups written before "
                                + "the rate counted%n",
                        summary.localHour(),
                        summary.mode().equals("seed") ? "reached now" : "started",
                        summary.localClock().equals("wall") ? "the wall clock, UTC+7" : "set, on a Wednesday",
                        summary.setupRows());
        out().printf(
                        "%s changes/s achieved%s over %.1fs in %d commits (mean %.1f ms); %d bookings in flight at "
                                + "the end; %d errors, %d reconnects%n",
                        fmt(summary.achievedEps()),
                        summary.targetEps() > 0 ? " (target " + summary.targetEps() + ")" : "",
                        summary.durationSeconds(),
                        summary.commits(),
                        summary.meanCommitMs(),
                        summary.inflightAtEnd(),
                        summary.errors(),
                        summary.reconnects());
        out().flush();
    }

    private int listScenarios() {
        List<LoadScenario> all = Profiles.scenarios();
        if (json.enabled()) {
            Json.print(out(), all);
            return 0;
        }
        Table table = new Table("SCENARIO", "DESCRIPTION");
        all.forEach(s -> table.row(s.name(), s.description()));
        table.print(out());
        out().println();
        out().println("Use --scenario NAME, or --scenario path/to/file.yaml with the same fields as "
                + "scenarios/load/*.yaml.");
        return 0;
    }

    static String fmtScale(double scale) {
        return scale == Math.rint(scale) ? Long.toString((long) scale) : Double.toString(scale);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%,.1f", value);
    }

    /** One progress line every two seconds on stderr. */
    private final class ProgressReporter implements GeneratorRun.Listener {
        private final int target;
        private long lastCommitted;
        private double lastSeconds;

        ProgressReporter(int target) {
            this.target = target;
        }

        @Override
        public void started(GeneratorStats stats) {
            if (statusFile != null) {
                writeStatus(stats);
            }
        }

        @Override
        public void progress(GeneratorStats stats) {
            double seconds = stats.elapsedSeconds();
            long committed = stats.committed();
            double rate = (committed - lastCommitted) / Math.max(0.001, seconds - lastSeconds);
            lastCommitted = committed;
            lastSeconds = seconds;
            Map<String, Long> rows = stats.rowsByTable();
            err().printf(
                            Locale.ROOT,
                            "  %6.0fs  %,9.0f changes/s%s  bookings %,d (in flight %,d)  locations %,d  "
                                    + "errors %d%n",
                            seconds,
                            rate,
                            target > 0 ? " (target " + target + ")" : "",
                            rows.getOrDefault("bookings", 0L),
                            stats.inflight(),
                            rows.getOrDefault("driver_location_events", 0L),
                            stats.errors());
            err().flush();
            if (statusFile != null) {
                writeStatus(stats);
            }
        }

        @Override
        public void warning(String message) {
            err().println("rideops: " + message);
            err().flush();
        }

        private void writeStatus(GeneratorStats stats) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("committed", stats.committed());
            status.put("elapsed_seconds", stats.elapsedSeconds());
            status.put("inflight", stats.inflight());
            status.put("rows_by_table", stats.rowsByTable());
            try {
                Files.writeString(statusFile, Json.mapper().writeValueAsString(status));
            } catch (java.io.IOException e) {
                warning("cannot write " + statusFile + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "stop", description = "Stop a generator started with --detach or by 'rideops up', cleanly.")
    static class Stop extends BaseCommand {
        @Override
        protected boolean changesStack() {
            return true;
        }

        @Override
        protected int execute() {
            Service generator = Stacks.current(config()).generator();
            if (generator.process().isEmpty()) {
                out().println("no generator is running");
                return 0;
            }
            long pid = generator.process().get().pid();
            err().println("rideops: stopping the generator (pid " + pid + "); it finishes its current batch");
            boolean forced = BackgroundGenerator.stop(generator);
            LogTail.last(generator.logFile(), 12).forEach(out()::println);
            out().println(
                            forced
                                    ? "generator stopped by force after " + BackgroundGenerator.STOP_GRACE.toSeconds()
                                            + "s"
                                    : "generator stopped");
            return 0;
        }
    }
}
