package dev.rideops.cli.commands;

import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.stack.Stack;
import dev.rideops.stack.disk.Bytes;
import dev.rideops.stack.snapshot.SnapshotException;
import dev.rideops.stack.snapshot.SnapshotInfo;
import dev.rideops.stack.snapshot.SnapshotProgress;
import dev.rideops.stack.snapshot.StackSnapshots;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "snapshot",
        description = "Named snapshots of the stopped local stack's state (every service's data, the CDC topics and "
                + "offsets, the job's savepoint), kept under $RIDEOPS_HOME/snapshots: prepare a city with days of "
                + "history once, load it again for a demo or a test.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  rideops down && rideops snapshot save city-3days && rideops up",
            "  rideops down && rideops snapshot load city-3days && rideops up   # back to that moment",
            "  rideops snapshot list --json"
        },
        subcommands = {
            SnapshotCommand.Save.class,
            SnapshotCommand.Load.class,
            SnapshotCommand.ListSnapshots.class,
            SnapshotCommand.Delete.class
        })
public class SnapshotCommand extends BaseCommand {

    @Override
    protected int execute() {
        spec.commandLine().usage(out());
        return 0;
    }

    /** What the subcommands share: the home's snapshots, the services running now, one-line errors. */
    abstract static class SnapshotAction extends BaseCommand {

        /** Save, load and delete hold the home's lock: an 'up' must not start the stack during the copy. */
        @Override
        protected boolean changesStack() {
            return true;
        }

        StackSnapshots snapshots(Stack stack) {
            return StackSnapshots.of(stack);
        }

        /** A snapshot in {@code list --json}. */
        static Map<String, Object> report(SnapshotInfo s) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("name", s.name());
            m.put("created_at", s.createdAt().toString());
            m.put("bytes", s.bytes());
            m.put("services", s.services());
            m.put("job_state", s.jobState());
            return m;
        }

        static List<String> running(Stack stack) {
            return stack.usage().stream().map(Stack.Usage::service).toList();
        }

        static <T> T oneLine(Supplier<T> action) {
            try {
                return action.get();
            } catch (SnapshotException e) {
                throw new RideopsException(e.getMessage(), e.fix());
            }
        }

        /** A line per part on stderr: its size as it starts, the time it took once copied. */
        SnapshotProgress progress() {
            PrintWriter err = err();
            return new SnapshotProgress() {
                @Override
                public void copying(String part, long bytes) {
                    err.printf("  %-36s %10s ...%n", part, bytes < 0 ? "?" : Bytes.human(bytes));
                    err.flush();
                }

                @Override
                public void copied(String part, long bytes, Duration took) {
                    err.printf(Locale.ROOT, "  %-36s %10s done in %.1fs%n", part, "", took.toMillis() / 1000.0);
                    err.flush();
                }

                @Override
                public void warning(String message) {
                    err.println("rideops: warning: " + message);
                    err.flush();
                }
            };
        }
    }

    @Command(
            name = "save",
            description = "Copy the stopped stack's state into a new snapshot NAME. Refused while any service runs: "
                    + "'rideops down' stops the stack and takes the job's savepoint, which the snapshot keeps.",
            footerHeading = "%nExample:%n",
            footer = "  rideops down && rideops snapshot save city-3days && rideops up")
    static class Save extends SnapshotAction {

        @Parameters(paramLabel = "NAME", description = "Letters, digits, '.', '_' and '-'.")
        String name;

        @Override
        protected int execute() {
            Stack stack = Stacks.current(config());
            err().println("rideops: saving the state of " + stack.spec().home() + " as snapshot " + name);
            SnapshotInfo info = oneLine(() -> snapshots(stack).save(name, running(stack), progress()));
            out().println("saved snapshot " + info.name() + " (" + Bytes.human(info.bytes()) + ", "
                    + info.services().size() + " services"
                    + (info.jobState() == null ? ", no job state" : ", the job's state") + "); 'rideops snapshot "
                    + "load " + info.name() + "' restores it");
            return 0;
        }
    }

    @Command(
            name = "load",
            description = "Replace the stopped stack's state with snapshot NAME (what the home holds now is deleted "
                    + "first). 'rideops up' then starts it as it was, the job resuming from the snapshot's savepoint.",
            footerHeading = "%nExample:%n",
            footer = "  rideops down && rideops snapshot load city-3days && rideops up")
    static class Load extends SnapshotAction {

        @Parameters(paramLabel = "NAME", description = "A snapshot 'rideops snapshot list' shows.")
        String name;

        @Override
        protected int execute() {
            Stack stack = Stacks.current(config());
            err().println("rideops: loading snapshot " + name + " into "
                    + stack.spec().home());
            SnapshotInfo info = oneLine(() -> snapshots(stack).load(name, running(stack), progress()));
            out().println("loaded snapshot " + info.name() + " taken " + info.createdAt() + "; start it with "
                    + "'rideops up' (with the flags it was started with: its stack.json came back too)");
            return 0;
        }
    }

    @Command(
            name = "list",
            description = "The snapshots of this home, oldest first: name, when taken, size, services, whether it "
                    + "holds the job's state.",
            footerHeading = "%nExample:%n",
            footer = "  rideops snapshot list --json | jq '.[].name'")
    static class ListSnapshots extends SnapshotAction {

        @Mixin
        JsonMixin json;

        @Override
        protected boolean changesStack() {
            return false;
        }

        @Override
        protected int execute() {
            Stack stack = Stacks.current(config());
            List<SnapshotInfo> all = oneLine(() -> snapshots(stack).list());
            if (json.enabled()) {
                Json.print(out(), all.stream().map(SnapshotAction::report).toList());
                return 0;
            }
            if (all.isEmpty()) {
                out().println("no snapshots in " + snapshots(stack).dir()
                        + "; 'rideops snapshot save NAME' takes one while the stack is stopped");
                return 0;
            }
            Table table = new Table("NAME", "TAKEN", "SIZE", "SERVICES", "JOB STATE");
            for (SnapshotInfo s : all) {
                table.row(
                        s.name(),
                        s.createdAt().toString(),
                        Bytes.human(s.bytes()),
                        String.join(",", s.services()),
                        s.jobState() == null ? "none" : "yes");
            }
            table.print(out());
            out().flush();
            return 0;
        }
    }

    @Command(
            name = "delete",
            description = "Delete snapshot NAME and the disk it takes.",
            footerHeading = "%nExample:%n",
            footer = "  rideops snapshot delete city-3days")
    static class Delete extends SnapshotAction {

        @Parameters(paramLabel = "NAME", description = "A snapshot 'rideops snapshot list' shows.")
        String name;

        @Override
        protected int execute() {
            Stack stack = Stacks.current(config());
            oneLine(() -> {
                snapshots(stack).delete(name);
                return Map.of();
            });
            out().println("deleted snapshot " + name);
            return 0;
        }
    }
}
