package dev.rideops.cli.commands;

import dev.rideops.cli.config.SourceDbs;
import dev.rideops.cli.error.ExitCodes;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.options.DurationConverter;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.clients.connect.CdcConnector;
import dev.rideops.clients.connect.ConnectorState;
import dev.rideops.clients.connect.SnapshotSignal;
import dev.rideops.contract.CdcContract;
import dev.rideops.generator.db.SourceDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "connector",
        description = "Manage the Debezium CDC connector on the configured Kafka Connect (connect.url, else the local "
                + "worker): status, restart, pause, resume, resnapshot.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  rideops connector status --json",
            "  rideops connector restart --failed",
            "  rideops connector resnapshot bookings payments"
        },
        subcommands = {
            ConnectorCommand.Status.class,
            ConnectorCommand.Restart.class,
            ConnectorCommand.Pause.class,
            ConnectorCommand.Resume.class,
            ConnectorCommand.Resnapshot.class
        })
public class ConnectorCommand extends BaseCommand {

    @Override
    protected int execute() {
        spec.commandLine().usage(out());
        return 0;
    }

    /** The captured tables, for completion and help. */
    static final class Tables implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return SnapshotSignal.tableNames().iterator();
        }
    }

    abstract static class ConnectorAction extends RemoteCommand {

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                defaultValue = "60s",
                converter = DurationConverter.class,
                description = "How long to wait for the connector to reach its new state (default ${DEFAULT-VALUE}).")
        Duration timeout;

        CdcConnector connector() {
            return deployment().endpoints().connector(config());
        }

        /** Waits for {@code state}; the outcome names the state it reached. */
        ConnectorState await(CdcConnector connector, String state) {
            if (!connector.awaitState(state, timeout)) {
                ConnectorState now = connector.state();
                throw new RideopsException(
                        "the connector is " + describe(now) + ", not " + state + ", after " + timeout.toSeconds() + "s",
                        "see 'rideops connector status' and 'rideops logs connect'");
            }
            return connector.state();
        }
    }

    @Command(
            name = "status",
            description = "The connector and each task: state, worker, and a FAILED task's error. Exits 1 unless the "
                    + "connector and its tasks are RUNNING or PAUSED.",
            footerHeading = "%nExample:%n",
            footer = "  rideops connector status --json | jq -r .state")
    static class Status extends RemoteCommand {

        @Mixin
        JsonMixin json;

        @Override
        int run() {
            ConnectorState state = deployment().endpoints().connector(config()).state();
            if (json.enabled()) {
                Json.print(out(), state);
            } else {
                Table table = new Table("CONNECTOR", "TASK", "STATE", "WORKER", "ERROR");
                table.row(state.name(), "-", state.state(), orDash(state.worker()), "");
                state.tasks()
                        .forEach(t -> table.row(
                                state.name(),
                                t.id(),
                                t.state(),
                                orDash(t.worker()),
                                t.error() == null ? "" : t.error()));
                table.print(out());
                out().flush();
            }
            return healthy(state) ? ExitCodes.OK : ExitCodes.FAILURE;
        }

        static boolean healthy(ConnectorState state) {
            Set<String> fine = Set.of("RUNNING", "PAUSED");
            return fine.contains(state.state())
                    && !state.tasks().isEmpty()
                    && state.tasks().stream().allMatch(t -> fine.contains(t.state()));
        }
    }

    @Command(
            name = "restart",
            description = "Restart the connector and its tasks (Connect's includeTasks), or with --failed only what "
                    + "FAILED, then wait until it runs.",
            footerHeading = "%nExample:%n",
            footer = "  rideops connector restart --failed")
    static class Restart extends ConnectorAction {

        @Option(names = "--failed", description = "Restart only the FAILED connector instance or tasks.")
        boolean failed;

        @Mixin
        JsonMixin json;

        @Override
        int run() {
            CdcConnector connector = connector();
            if (connector.restart(failed)) {
                connector.awaitRestartSeen(Duration.ofSeconds(5));
            }
            ConnectorState state = await(connector, "RUNNING");
            printAction(
                    json,
                    Map.of("connector", state.name(), "state", state.state(), "only_failed", failed),
                    "restarted " + state.name() + (failed ? " (failed parts only)" : "") + ": " + describe(state));
            return 0;
        }
    }

    @Command(
            name = "pause",
            description = "Pause the connector: it stops reading the replication slot, so the source keeps the WAL "
                    + "it has not read (bounded by source.max-slot-wal-keep-size on the local stack).",
            footerHeading = "%nExample:%n",
            footer = "  rideops connector pause && rideops connector resume")
    static class Pause extends ConnectorAction {

        @Mixin
        JsonMixin json;

        @Override
        int run() {
            CdcConnector connector = connector();
            connector.pause();
            ConnectorState state = await(connector, "PAUSED");
            printAction(json, Map.of("connector", state.name(), "state", state.state()), "paused " + state.name());
            return 0;
        }
    }

    @Command(
            name = "resume",
            description = "Resume a paused connector and wait until it runs.",
            footerHeading = "%nExample:%n",
            footer = "  rideops connector resume")
    static class Resume extends ConnectorAction {

        @Mixin
        JsonMixin json;

        @Override
        int run() {
            CdcConnector connector = connector();
            connector.resume();
            ConnectorState state = await(connector, "RUNNING");
            printAction(json, Map.of("connector", state.name(), "state", state.state()), "resumed " + state.name());
            return 0;
        }
    }

    @Command(
            name = "resnapshot",
            description = "Ask the connector for an incremental snapshot of TABLEs through Debezium's signal table ("
                    + CdcContract.SIGNAL_TABLE + ", created by deploy): their current rows reach the CDC topics again "
                    + "as snapshot (op r) events while streaming goes on.",
            footerHeading = "%nExample:%n",
            footer = "  rideops connector resnapshot bookings drivers")
    static class Resnapshot extends RemoteCommand {

        @Parameters(
                paramLabel = "TABLE",
                arity = "1..*",
                completionCandidates = Tables.class,
                description = "Captured tables: ${COMPLETION-CANDIDATES} (with or without 'public.').")
        List<String> tables;

        @Mixin
        JsonMixin json;

        @Override
        int run() {
            List<String> qualified = new ArrayList<>();
            for (String table : tables) {
                qualified.add(SnapshotSignal.captured(table)
                        .orElseThrow(() -> new UsageException(
                                "'" + table + "' is not a table the connector captures",
                                "name one of " + String.join(", ", SnapshotSignal.tableNames()))));
            }
            CdcConnector connector = deployment().endpoints().connector(config());
            if (!CdcContract.SIGNAL_TABLE.equals(connector.currentConfig().get("signal.data.collection"))) {
                throw new RideopsException(
                        "the connector was deployed without Debezium's signal table",
                        "run 'rideops deploy --only schema,connector' first");
            }
            // a signal is an operator's request, written as the schema's owner: the generator's role may not
            SourceDb source = SourceDbs.admin(config());
            String id =
                    new SnapshotSignal(source.url(), source.user(), source.password()).requestIncremental(qualified);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("signal_id", id);
            result.put("tables", qualified);
            printAction(
                    json,
                    result,
                    "incremental snapshot of " + String.join(", ", qualified) + " requested (signal " + id
                            + "); 'rideops status' shows its progress (with Prometheus running; "
                            + "'rideops logs connect' always)");
            return 0;
        }
    }

    static String describe(ConnectorState state) {
        long failed = state.failedTasks();
        return state.state() + " with " + state.tasks().size() + " task(s)"
                + (failed > 0 ? ", " + failed + " FAILED" : "");
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
