package dev.rideops.cli;

import dev.rideops.cli.commands.AlertsCommand;
import dev.rideops.cli.commands.BatchCommand;
import dev.rideops.cli.commands.BenchCommand;
import dev.rideops.cli.commands.ChaosCommand;
import dev.rideops.cli.commands.CompletionCommand;
import dev.rideops.cli.commands.ConfigCommand;
import dev.rideops.cli.commands.ConnectorCommand;
import dev.rideops.cli.commands.DashboardCommand;
import dev.rideops.cli.commands.DeadLettersCommand;
import dev.rideops.cli.commands.DeployCommand;
import dev.rideops.cli.commands.DownCommand;
import dev.rideops.cli.commands.EnvCommand;
import dev.rideops.cli.commands.ExporterCommand;
import dev.rideops.cli.commands.GenerateCommand;
import dev.rideops.cli.commands.JobCommand;
import dev.rideops.cli.commands.LogsCommand;
import dev.rideops.cli.commands.PreflightCommand;
import dev.rideops.cli.commands.RestartCommand;
import dev.rideops.cli.commands.SnapshotCommand;
import dev.rideops.cli.commands.StartCommand;
import dev.rideops.cli.commands.StatusCommand;
import dev.rideops.cli.commands.StopCommand;
import dev.rideops.cli.commands.UpCommand;
import dev.rideops.cli.commands.VerifyCommand;
import dev.rideops.cli.commands.WaitCommand;
import dev.rideops.cli.config.ConfigHandover;
import dev.rideops.cli.config.ConfigLoader;
import dev.rideops.cli.config.FlagValue;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@TopCommand
@Command(
        name = "rideops",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Stand up, run, test and measure the real-time ride-hailing analytics pipeline.",
        description = {
            "PostgreSQL -> Debezium CDC -> Kafka -> Flink KPIs -> reporting mart + search index, "
                    + "as real local processes (no Docker) or against remote clusters named in config."
        },
        footerHeading = "%nConfig:%n",
        footer = {
            "Settings come from built-in defaults, then rideops.yaml (current dir or $RIDEOPS_HOME), then the "
                    + "profile chosen with --profile, then RIDEOPS_* environment variables, then flags. "
                    + "'rideops config show' prints them with their origin.",
            "",
            "Exit codes: 0 success, 1 failure, 2 usage error."
        },
        subcommands = {
            PreflightCommand.class,
            UpCommand.class,
            DownCommand.class,
            StatusCommand.class,
            LogsCommand.class,
            AlertsCommand.class,
            ExporterCommand.class,
            DashboardCommand.class,
            DeployCommand.class,
            JobCommand.class,
            ConnectorCommand.class,
            GenerateCommand.class,
            VerifyCommand.class,
            DeadLettersCommand.class,
            BatchCommand.class,
            BenchCommand.class,
            ChaosCommand.class,
            ConfigCommand.class,
            StartCommand.class,
            StopCommand.class,
            RestartCommand.class,
            WaitCommand.class,
            EnvCommand.class,
            SnapshotCommand.class,
            CompletionCommand.class,
        })
public class RideopsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Show stack traces and more detail when something fails.")
    boolean verbose;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Read settings from FILE instead of ./rideops.yaml or $RIDEOPS_HOME/rideops.yaml.")
    Path configFile;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "Where the stack keeps data, logs and pids (default ~/.rideops, env RIDEOPS_HOME).")
    String home;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            scope = ScopeType.INHERIT,
            description = "Apply the settings of profile NAME from rideops.yaml's 'profiles:' over the file's "
                    + "(env RIDEOPS_PROFILE).")
    String profile;

    @Option(
            names = "--port-offset",
            paramLabel = "N",
            scope = ScopeType.INHERIT,
            description = "Add N to every local port (stack.port-offset), to run a second stack with its own --home "
                    + "beside the first.")
    String portOffset;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            scope = ScopeType.INHERIT,
            description = "Override one setting, e.g. --set source.port=15432 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(
            names = "--config-handover",
            paramLabel = "FILE",
            hidden = true,
            description =
                    "Load the config a parent rideops command handed over in FILE (the background generator or exporter).")
    Path configHandover;

    private ConfigLoader configLoader = ConfigLoader.system();

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public boolean verbose() {
        return verbose;
    }

    /**
     * The effective config of this run, with a command's own setting flags over the global ones: loaded the one way
     * ({@link ConfigLoader}), from what a parent command handed over when this process was started by one.
     */
    public RideopsConfig loadConfig(List<FlagValue> commandFlags) {
        List<FlagValue> flags = globalFlags();
        flags.addAll(commandFlags);
        if (configHandover != null) {
            return configLoader.load(ConfigHandover.take(configHandover).plus(flags));
        }
        return configLoader.load(Optional.ofNullable(configFile), flags);
    }

    /** The flags every command shares that set config values ({@code --home}, {@code --set}). */
    private List<FlagValue> globalFlags() {
        List<FlagValue> flags = new ArrayList<>();
        for (String assignment : setsAsTyped()) {
            flags.add(ConfigLoader.parseSet(assignment));
        }
        if (home != null) {
            flags.add(new FlagValue(Setting.HOME, home, "--home"));
        }
        if (profile != null) {
            flags.add(new FlagValue(Setting.PROFILE, profile, "--profile"));
        }
        if (portOffset != null) {
            flags.add(new FlagValue(Setting.STACK_PORT_OFFSET, portOffset, "--port-offset"));
        }
        return flags;
    }

    /**
     * Every {@code --set}, before and after the subcommand, in order. Not {@link #sets}: when a subcommand repeats an
     * inherited list option, picocli starts the list afresh and the ones before the subcommand would be lost.
     */
    private List<String> setsAsTyped() {
        List<String> all = new ArrayList<>();
        for (ParseResult level = spec.commandLine().getParseResult(); level != null; level = level.subcommand()) {
            OptionSpec set = level.matchedOption("--set");
            if (set != null) {
                all.addAll(set.originalStringValues());
            }
        }
        return all;
    }

    /** Tests point the CLI at their own environment and directories. */
    public void useConfigLoader(ConfigLoader loader) {
        this.configLoader = loader;
    }
}
