package dev.rideops.cli.commands;

import dev.rideops.cli.chaos.ChaosRun;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.options.DurationConverter;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.scenarios.DurationText;
import dev.rideops.scenarios.FaultScenario;
import dev.rideops.scenarios.Profiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "chaos",
        description = "Inject a real fault into the running local stack (a SIGKILL or a restart of one service), "
                + "start the service again, and report how long the pipeline took to recover. Run 'rideops verify' "
                + "afterwards to check nothing was lost or duplicated.")
public class ChaosCommand extends BaseCommand {

    /** The shipped faults, for completion and help. */
    static final class Faults implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Profiles.FAULTS.iterator();
        }
    }

    @Parameters(
            paramLabel = "FAULT",
            arity = "0..1",
            completionCandidates = Faults.class,
            description = "One of: ${COMPLETION-CANDIDATES}; or a fault .yaml file (scenarios/faults shows the shape).")
    String fault;

    @Option(names = "--list", description = "Describe the available faults and exit.")
    boolean list;

    @Option(
            names = "--down-for",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long the service stays down before it is started again (default: the fault's own).")
    Duration downFor;

    @Option(
            names = "--recover-timeout",
            paramLabel = "DURATION",
            defaultValue = "3m",
            converter = DurationConverter.class,
            description = "How long the pipeline may take to recover, from the fault (default ${DEFAULT-VALUE}).")
    Duration recoverTimeout;

    @Mixin
    JsonMixin json;

    @Override
    protected boolean changesStack() {
        return fault != null && !list;
    }

    @Override
    protected int execute() {
        if (list) {
            printList();
            return 0;
        }
        if (fault == null) {
            throw new UsageException(
                    "chaos needs a fault: one of " + String.join(", ", Profiles.FAULTS),
                    "e.g. 'rideops chaos kill-taskmanager'; 'rideops chaos --list' describes them");
        }
        FaultScenario scenario;
        try {
            scenario = Profiles.fault(fault);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), "'rideops chaos --list' shows the faults");
        }
        Duration down = downFor != null ? downFor : scenario.downFor();
        ChaosRun.Result result =
                new ChaosRun(config(), Stacks.current(config()), err()).run(scenario, down, recoverTimeout);
        if (json.enabled()) {
            Json.print(out(), result);
        } else {
            Table table = new Table("RECOVERY", "");
            ChaosRun.rows(result).forEach(row -> table.row((Object[]) row));
            table.print(out());
            out().println();
            out().println("Check nothing was lost or duplicated: rideops generate stop && rideops verify --since 15m");
            out().flush();
        }
        return 0;
    }

    private void printList() {
        List<FaultScenario> faults = new ArrayList<>();
        Profiles.FAULTS.forEach(name -> faults.add(Profiles.fault(name)));
        if (json.enabled()) {
            Json.print(out(), faults);
            return;
        }
        Table table = new Table("FAULT", "SERVICE", "ACTION", "DOWN", "WHAT IT TESTS");
        faults.forEach(f -> table.row(
                f.name(), f.service(), f.action().signal(), DurationText.format(f.downFor()), f.description()));
        table.print(out());
        out().flush();
    }
}
