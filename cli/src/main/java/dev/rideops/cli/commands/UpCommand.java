package dev.rideops.cli.commands;

import dev.rideops.cli.config.FlagValue;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.config.SourceDbs;
import dev.rideops.cli.config.StackSpecs;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.scenarios.Volume;
import dev.rideops.stack.ServiceStatus;
import dev.rideops.stack.Stack;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.ServiceFailedException;
import dev.rideops.stack.os.CurrentUser;
import dev.rideops.stack.os.Executables;
import dev.rideops.stack.os.PortOwners;
import dev.rideops.stack.preflight.Check;
import dev.rideops.stack.preflight.CheckStatus;
import dev.rideops.stack.preflight.Preflight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up",
        description = "Start the whole pipeline: preflight, stack, deploy, generator at --volume, then health "
                + "checks. Running it again is harmless.")
public class UpCommand extends BaseCommand {

    @Option(names = "--volume", paramLabel = "VOLUME",
            description = "Traffic preset: ${COMPLETION-CANDIDATES} (default small).")
    Volume volume;

    @Option(names = "--no-generate", description = "Start the stack only: no deploy, no generator.")
    boolean noGenerate;

    @Mixin
    StackOptions stackOptions;

    @Mixin
    JsonMixin json;

    @Override
    protected List<FlagValue> configFlags() {
        List<FlagValue> flags = new ArrayList<>(stackOptions.flags());
        if (volume != null) {
            flags.add(new FlagValue(Setting.GENERATOR_VOLUME, volume.toString(), "--volume"));
        }
        return flags;
    }

    @Override
    protected int execute() throws java.io.IOException {
        StackSpec spec = Stacks.specFromConfig(config());
        refuseToReshapeARunningStack(spec);
        Stack stack = Stacks.of(spec);
        err().println("rideops: starting the stack in " + spec.home() + " with " + spec.brokers() + " Kafka broker"
                + (spec.brokers() == 1 ? "" : "s")
                + (StackSpecs.brokersAuto(config()) ? " (chosen by available memory; --brokers to change)" : "")
                + " and " + spec.taskManagers() + " Flink TaskManager" + (spec.taskManagers() == 1 ? "" : "s"));
        preflight(spec, stack);
        try {
            stack.up(new ProgressLines(err()));
        } catch (ServiceFailedException e) {
            err().println("rideops: last lines of " + e.log() + ":");
            e.logTail().forEach(line -> err().println("    " + line));
            throw new RideopsException(e.getMessage() + "; stopped what this run had started",
                    "see 'rideops logs " + e.service() + "', fix the cause and run 'rideops up' again", e);
        }
        if (!noGenerate) {
            startTraffic(stack);
        }
        List<ServiceStatus> statuses = stack.status();
        if (json.enabled()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("home", spec.home().toString());
            report.put("services", statuses);
            report.put("connect", connectionHints(spec));
            Json.print(out(), report);
        } else {
            StatusCommand.printTable(out(), statuses);
            out().println();
            connectionHints(spec).forEach((what, how) -> out().printf("%-22s %s%n", what, how));
            out().flush();
        }
        return 0;
    }

    /** The source schema, then the generator in the background at the chosen volume (unless one runs already). */
    private void startTraffic(Stack stack) throws java.io.IOException {
        GenerateCommand.migrate(SourceDbs.from(config()));
        err().println("rideops: source schema up to date");
        if (stack.generator().process().isPresent()) {
            err().println("  generator            already running");
        } else {
            String volumeName = config().get(Setting.GENERATOR_VOLUME);
            long pid = BackgroundGenerator.start(stack, List.of("generate", "--volume", volumeName), err());
            err().println("  generator            running at volume " + volumeName + " (pid " + pid + ")");
        }
        err().println("rideops: the CDC connector and the Flink job are not deployed yet: 'rideops deploy' is not "
                + "built in this version, so the mart and the search index stay empty");
    }

    private void refuseToReshapeARunningStack(StackSpec wanted) {
        Optional<StackSpec> saved = Stack.savedSpec(wanted.home());
        if (saved.isEmpty() || saved.get().equals(wanted)) {
            return;
        }
        boolean anyRunning = Stacks.of(saved.get()).services().stream().anyMatch(s -> s.process().isPresent());
        if (anyRunning) {
            throw new RideopsException("a stack with different settings is running in " + wanted.home()
                    + " (" + saved.get().brokers() + " broker(s), " + saved.get().taskManagers() + " TaskManager(s))",
                    "run 'rideops down' first, then 'rideops up' with the new settings");
        }
    }

    private void preflight(StackSpec spec, Stack stack) {
        List<Check> checks = new Preflight(spec, Path.of("/proc"), PortOwners.system(), Executables.fromEnvironment(),
                stack.runningPids(), CurrentUser.isRoot()).run();
        List<Check> failed = checks.stream().filter(c -> c.status() == CheckStatus.FAIL).toList();
        if (failed.isEmpty()) {
            return;
        }
        for (Check c : failed.subList(1, failed.size())) {
            err().println("rideops: also failed: " + c.group() + "/" + c.name() + ": " + c.detail() + "; " + c.fix());
        }
        Check first = failed.get(0);
        throw new RideopsException("preflight failed: " + first.group() + "/" + first.name() + ": " + first.detail(),
                first.fix());
    }

    static Map<String, String> connectionHints(StackSpec spec) {
        Map<String, String> hints = new LinkedHashMap<>();
        hints.put("source database", "psql 'postgresql://" + spec.dbUser() + "@127.0.0.1:" + spec.sourcePort() + "/"
                + Stack.SOURCE_DATABASE + "'");
        hints.put("reporting database", "psql 'postgresql://" + spec.dbUser() + "@127.0.0.1:" + spec.reportingPort()
                + "/" + Stack.REPORTING_DATABASE + "'");
        hints.put("Kafka bootstrap", spec.kafkaBootstrapServers());
        hints.put("Kafka Connect REST", "http://127.0.0.1:" + spec.connectPort() + "/connectors");
        hints.put("Flink web UI", "http://127.0.0.1:" + spec.flinkPort());
        hints.put("search (ES API)", "curl http://127.0.0.1:" + spec.searchPort() + "/_cluster/health");
        return hints;
    }
}
