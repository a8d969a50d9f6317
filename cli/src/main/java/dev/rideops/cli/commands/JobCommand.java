package dev.rideops.cli.commands;

import dev.rideops.cli.config.FlagValue;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.ExitCodes;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.cli.pipeline.DeployRequest;
import dev.rideops.cli.pipeline.JobHousekeeping;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.clients.flink.JobInfo;
import dev.rideops.stack.RetainedState;
import dev.rideops.stack.disk.Bytes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "job",
        description = "Manage the Flink job on the configured cluster (flink.url, else the local one): status, list, "
                + "savepoint, cancel, stop, rescale, prune.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  rideops job status --json",
            "  rideops job savepoint",
            "  rideops job rescale --parallelism 2",
            "  rideops job stop            # savepoint, then stop; 'rideops deploy' resumes from it",
            "  rideops job prune --retain 2"
        },
        subcommands = {
            JobCommand.Status.class,
            JobCommand.ListJobs.class,
            JobCommand.Savepoint.class,
            JobCommand.Cancel.class,
            JobCommand.Stop.class,
            JobCommand.Rescale.class,
            JobCommand.Prune.class
        })
public class JobCommand extends BaseCommand {

    @Override
    protected int execute() {
        spec.commandLine().usage(out());
        return 0;
    }

    /** What every job subcommand shares: the Flink cluster of the config and its running rideops job. */
    abstract static class JobAction extends RemoteCommand {

        FlinkJob flink() {
            return deployment().endpoints().flink();
        }

        String runningJob(FlinkJob flink) {
            return flink.runningJobId()
                    .orElseThrow(() -> new RideopsException(
                            "no rideops job runs on " + deployment().endpoints().flinkUrl(),
                            "start it with 'rideops deploy' ('rideops job list' shows the jobs that ran)"));
        }
    }

    @Command(
            name = "status",
            description = "The running rideops job: state, parallelism, jar, checkpoints, what it restored from; "
                    + "and the checkpoints, savepoints and jars kept under $RIDEOPS_HOME/flink. Exits 1 when no job "
                    + "runs.",
            footerHeading = "%nExample:%n",
            footer = "  rideops job status --json | jq .job.parallelism")
    static class Status extends JobAction {

        @Mixin
        JsonMixin json;

        @Override
        int run() {
            FlinkJob flink = flink();
            JobInfo job = flink.runningJobId().map(flink::info).orElse(null);
            RetainedState.Usage retained =
                    new RetainedState(Stacks.current(config()).spec().home()).usage();
            String url = deployment().endpoints().flinkUrl();
            if (json.enabled()) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("flink", url);
                report.put("running", job != null);
                report.put("job", job);
                report.put("retained", retained);
                Json.print(out(), report);
            } else {
                Table table = new Table("JOB", "");
                if (job == null) {
                    table.row("state", "no rideops job runs on " + url);
                } else {
                    table.row("id", job.id());
                    table.row("state", job.state());
                    table.row("started", time(job.startTime()));
                    table.row("parallelism", job.parallelism());
                    table.row("jar", job.jarId() == null ? "unknown (not started by rideops)" : job.jarId());
                    table.row(
                            "checkpoints",
                            job.checkpointsCompleted() + " completed, " + job.checkpointsFailed() + " failed");
                    table.row(
                            "last checkpoint",
                            job.lastCheckpointAckMs() < 0
                                    ? "none yet"
                                    : time(job.lastCheckpointAckMs()) + ", "
                                            + Bytes.human(Math.max(0, job.lastCheckpointStateBytes())));
                    table.row("restored from", job.restoredFrom() == null ? "-" : job.restoredFrom());
                }
                table.row("retained checkpoints", kind(retained.checkpoints()));
                table.row("savepoints", kind(retained.savepoints()));
                table.row("uploaded jars", kind(retained.jars()));
                table.print(out());
                out().flush();
            }
            return job == null ? ExitCodes.FAILURE : ExitCodes.OK;
        }

        private static String kind(RetainedState.Kind kind) {
            return kind.count() + " (" + Bytes.human(kind.bytes()) + ")";
        }
    }

    @Command(
            name = "list",
            description = "The rideops jobs the Flink cluster knows, newest first, in any state.",
            footerHeading = "%nExample:%n",
            footer = "  rideops job list --json")
    static class ListJobs extends JobAction {

        @Mixin
        JsonMixin json;

        @Override
        int run() {
            List<JobInfo> jobs = flink().jobs();
            if (json.enabled()) {
                Json.print(out(), Map.of("jobs", jobs));
                return 0;
            }
            Table table = new Table("JOB", "STATE", "STARTED", "DURATION");
            jobs.forEach(j -> table.row(
                    j.id(),
                    j.state(),
                    time(j.startTime()),
                    Duration.ofMillis(j.durationMs()).toSeconds() + "s"));
            table.print(out());
            out().flush();
            return 0;
        }
    }

    @Command(
            name = "savepoint",
            description = "Take a savepoint of the running job, which keeps running. On the local cluster it becomes "
                    + "what 'up' and 'deploy' resume from when no job runs.",
            footerHeading = "%nExample:%n",
            footer = "  rideops job savepoint --dir file:///backups/rideops")
    static class Savepoint extends JobAction {

        @Option(
                names = "--dir",
                paramLabel = "URI",
                description = "Where Flink writes it (default: the cluster's state.savepoints.dir).")
        String dir;

        @Mixin
        SavepointTimeoutOption timeout;

        @Mixin
        JsonMixin json;

        @Override
        int run() throws IOException {
            FlinkJob flink = flink();
            String job = runningJob(flink);
            err().println("rideops: taking a savepoint of " + job);
            String location = flink.savepoint(job, dir, timeout.get());
            if (dir == null) {
                deployment().rememberLocally(location);
            }
            printAction(json, Map.of("job", job, "savepoint", location), "savepoint " + location);
            return 0;
        }
    }

    @Command(
            name = "cancel",
            description = "Cancel the running job without a savepoint (like 'flink cancel'). Its newest retained "
                    + "checkpoint stays: 'rideops deploy' resumes from it on the local cluster.",
            footerHeading = "%nExample:%n",
            footer = "  rideops job cancel")
    static class Cancel extends JobAction {

        @Mixin
        JsonMixin json;

        @Override
        protected boolean changesStack() {
            return true;
        }

        @Override
        int run() {
            FlinkJob flink = flink();
            String job = runningJob(flink);
            flink.cancelAndWait(job, Duration.ofMinutes(2));
            printAction(json, Map.of("job", job, "state", "CANCELED"), "cancelled " + job);
            return 0;
        }
    }

    @Command(
            name = "stop",
            description =
                    "Stop the running job after a savepoint (like 'flink stop'). On the local cluster "
                            + "'rideops deploy' and 'up' resume from it. --drain fires every open window first: for a job "
                            + "that is not coming back, since a job resumed from a drained savepoint treats new events as late.",
            footerHeading = "%nExample:%n",
            footer = "  rideops job stop && rideops deploy --only job")
    static class Stop extends JobAction {

        @Option(names = "--drain", description = "Emit the end-of-time watermark before stopping.")
        boolean drain;

        @Mixin
        SavepointTimeoutOption timeout;

        @Mixin
        JsonMixin json;

        @Override
        protected boolean changesStack() {
            return true;
        }

        @Override
        int run() throws IOException {
            FlinkJob flink = flink();
            String job = runningJob(flink);
            err().println("rideops: stopping " + job + " with a savepoint" + (drain ? " (draining)" : ""));
            String location = flink.stop(job, drain, timeout.get());
            if (!drain) {
                deployment().rememberLocally(location);
            }
            printAction(
                    json,
                    Map.of("job", job, "savepoint", location, "drained", drain),
                    "stopped " + job + "; savepoint " + location);
            return 0;
        }
    }

    @Command(
            name = "rescale",
            description = "Stop the running job with a savepoint and run the same jar again from it at another "
                    + "parallelism. Rolls back to the old parallelism if the new job does not start. The cluster "
                    + "needs a free task slot per parallel task (flink.taskmanagers x flink.task-slots locally).",
            footerHeading = "%nExample:%n",
            footer = "  rideops job rescale --parallelism 2")
    static class Rescale extends JobAction {

        @Option(
                names = "--parallelism",
                paramLabel = "N",
                required = true,
                description = "The job's new parallelism, at least 1.")
        int parallelism;

        @Mixin
        JsonMixin json;

        @Override
        protected boolean changesStack() {
            return true;
        }

        @Override
        int run() {
            if (parallelism < 1) {
                throw new dev.rideops.cli.error.UsageException(
                        "--parallelism must be at least 1, not " + parallelism, "e.g. --parallelism 2");
            }
            Map<String, String> result = deployment().run(DeployRequest.rescale(parallelism));
            printAction(json, result, result.get("job"));
            return 0;
        }
    }

    @Command(
            name = "prune",
            description = "Delete all but the newest flink.retain (default 3) retained checkpoints of stopped jobs, "
                    + "savepoints (under $RIDEOPS_HOME/flink, local cluster only) and uploaded jars (through Flink's "
                    + "REST API). Never what the running job uses or what a resume would start from. Deploy runs it "
                    + "after every successful job start.",
            footerHeading = "%nExample:%n",
            footer = "  rideops job prune --retain 1 --json")
    static class Prune extends JobAction {

        @Option(
                names = "--retain",
                paramLabel = "N",
                description = "Keep N of each kind this time (default: flink.retain).")
        String retain;

        @Mixin
        JsonMixin json;

        @Override
        protected List<FlagValue> configFlags() {
            return retain == null ? List.of() : List.of(new FlagValue(Setting.FLINK_RETAIN, retain, "--retain"));
        }

        @Override
        protected boolean changesStack() {
            return true;
        }

        @Override
        int run() throws IOException {
            JobHousekeeping.Result result =
                    deployment().housekeeping(flink()).prune(config().intValue(Setting.FLINK_RETAIN));
            if (json.enabled()) {
                Json.print(out(), result);
            } else {
                Table table = new Table("PRUNED", "");
                table.row("checkpoint dirs", result.checkpoints());
                table.row("savepoints", result.savepoints());
                table.row("jars", result.jars());
                table.row("freed on local disk", Bytes.human(result.bytes()));
                table.row("kept of each", result.retain());
                table.print(out());
                out().flush();
            }
            return 0;
        }
    }

    private static String time(long epochMs) {
        return epochMs <= 0
                ? "-"
                : Instant.ofEpochMilli(epochMs)
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString();
    }
}
