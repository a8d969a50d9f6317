package dev.rideops.cli.commands;

import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.ExitCodes;
import dev.rideops.cli.options.DurationConverter;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.cli.pipeline.ConnectorSnapshot;
import dev.rideops.cli.pipeline.PipelineHealth;
import dev.rideops.cli.pipeline.PipelineSignals;
import dev.rideops.cli.pipeline.PipelineStatus;
import dev.rideops.clients.connect.ConnectorState;
import dev.rideops.contract.JobContract;
import dev.rideops.stack.RetainedState;
import dev.rideops.stack.ServiceStatus;
import dev.rideops.stack.Stack;
import dev.rideops.stack.disk.Bytes;
import dev.rideops.stack.disk.DiskSpace;
import dev.rideops.stack.disk.DiskUsage;
import dev.rideops.stack.disk.LowDisk;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "status",
        description = "Show each service: state (healthy/running/down), pid, port, uptime, memory, disk; the "
                + "pipeline when its job is deployed (job state, last checkpoint, consumer lag in records and how long its oldest change has "
                + "waited, snapshot freshness against the health.* limits, the CDC connector and its tasks, its snapshot as Prometheus has it "
                + "(running: tables left, events seen, time so far; or completed), dead letters and whether they rose in "
                + "the last 5 minutes, the alerts firing in Prometheus); and the free space under $RIDEOPS_HOME (a warning below "
                + "disk.min-free). Exits 0 only when every service and the pipeline are healthy. --json adds "
                + "flink_retained: the count and bytes of retained checkpoints, savepoints and uploaded jars.",
        footerHeading = "%nExamples:%n",
        footer = {"  rideops status", "  rideops status --watch --interval 5s", "  rideops status --json | jq .pipeline"
        })
public class StatusCommand extends BaseCommand {

    @Mixin
    JsonMixin json;

    @Option(names = "--watch", description = "Redraw the report every --interval until Ctrl-C.")
    boolean watch;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            defaultValue = "2s",
            converter = DurationConverter.class,
            description = "How often --watch redraws (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Override
    protected int execute() throws InterruptedException {
        if (!watch) {
            return report();
        }
        while (true) {
            if (!json.enabled()) {
                // ANSI: cursor home and clear the screen, so the table redraws in place
                out().print("\033[H\033[2J");
                out().println("rideops status, every " + interval.toSeconds() + "s (Ctrl-C to stop): "
                        + java.time.LocalTime.now().withNano(0));
            }
            report();
            Thread.sleep(interval.toMillis());
        }
    }

    /** One look at the services, the pipeline (when its job is deployed) and the disk; the exit code it means. */
    private int report() {
        Stack stack = Stacks.current(config());
        Path home = stack.spec().home();
        DiskUsage usage = stack.diskUsage();
        List<ServiceStatus> statuses = stack.status(usage);
        Disk disk = Disk.of(home, DiskSpace.of(home), config().bytes(Setting.DISK_MIN_FREE), usage);
        boolean allHealthy = statuses.stream().allMatch(s -> s.state().equals(ServiceStatus.HEALTHY));
        RetainedState.Usage retained = new RetainedState(home).usage();
        PipelineStatus pipeline = pipeline(stack, statuses);
        boolean healthy = allHealthy && (pipeline == null || pipeline.healthy());
        if (json.enabled()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("home", home.toString());
            report.put("healthy", healthy);
            report.put("total_rss_mb", totalRss(statuses));
            report.put("services", statuses);
            report.put("pipeline", pipeline);
            report.put("disk", disk);
            report.put("flink_retained", retained);
            Json.print(out(), report);
        } else {
            printTable(out(), statuses);
            statuses.stream()
                    .filter(s -> s.problem() != null)
                    .forEach(s -> out().println(s.service() + ": " + s.problem()));
            if (pipeline != null) {
                out().println();
                printPipeline(out(), pipeline);
            }
            out().println(disk.summary(home));
            out().println("flink: " + retained.checkpoints().count() + " retained checkpoint(s), "
                    + retained.savepoints().count() + " savepoint(s), "
                    + retained.jars().count()
                    + " uploaded jar(s); 'rideops job prune' keeps flink.retain of each");
            out().flush();
        }
        if (disk.warning() != null) {
            err().println("rideops: warning: " + disk.warning() + "; " + LowDisk.FIX);
        }
        return healthy ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /**
     * The pipeline's figures when its job is deployed, else null. Flink is asked only when it can answer (the local
     * JobManager healthy, or a remote flink.url), so a stopped stack is reported at once.
     */
    private PipelineStatus pipeline(Stack stack, List<ServiceStatus> statuses) {
        boolean localFlink = config().get(Setting.FLINK_URL).isBlank();
        boolean flinkUp = statuses.stream()
                .anyMatch(
                        s -> s.service().equals("flink-jobmanager") && s.state().equals(ServiceStatus.HEALTHY));
        if (localFlink && !flinkUp) {
            return null;
        }
        PipelineStatus look = new PipelineHealth(config(), Endpoints.from(config(), stack.spec()), err()).look();
        return look.deployed() ? look : null;
    }

    /** Where RideopsConsumerLagOld fires (monitoring/rules/rideops.rules.yml; a test keeps the two equal). */
    public static final int LAG_ALERT_SECONDS = 300;

    static void printPipeline(PrintWriter out, PipelineStatus p) {
        Table table = new Table("PIPELINE", "NOW", "LIMIT");
        table.row("job " + JobContract.JOB_NAME, p.jobState() + " (" + p.jobId() + ")", "RUNNING");
        table.row(
                "last checkpoint",
                p.lastCheckpointAgeSeconds() == null ? "none yet" : p.lastCheckpointAgeSeconds() + "s ago",
                "");
        table.row(
                "consumer lag",
                p.lagRecords() == null ? "unknown" : p.lagRecords() + " records",
                p.maxLagRecords() + " records");
        table.row(
                "  oldest waiting",
                p.lagSeconds() == null ? "unknown" : String.format(java.util.Locale.ROOT, "%.1f s", p.lagSeconds()),
                "alert at " + LAG_ALERT_SECONDS + " s");
        table.row(
                "snapshot freshness",
                p.freshnessSeconds() == null
                        ? "unknown"
                        : String.format(java.util.Locale.ROOT, "%.1f s behind", p.freshnessSeconds()),
                p.maxFreshnessSeconds() + " s");
        PipelineSignals signals = p.signals();
        if (!signals.connectorRegistered()) {
            table.row("connector", "not registered", "RUNNING");
        } else if (signals.connector() != null) {
            ConnectorState c = signals.connector();
            table.row("connector " + c.name(), c.state(), "RUNNING");
            for (ConnectorState.Task t : c.tasks()) {
                table.row("  task " + t.id(), t.state() + (t.error() == null ? "" : ": " + t.error()), "RUNNING");
            }
        } else {
            table.row("connector", "unknown (Connect does not answer)", "RUNNING");
        }
        if (signals.connectorSnapshot() != null) {
            table.row("  snapshot", snapshot(signals.connectorSnapshot()), "");
        }
        table.row(
                "dead letters",
                signals.deadLetters() == null
                        ? "unknown"
                        : signals.deadLetters() + " on " + JobContract.DEAD_LETTER_TOPIC + ", "
                                + signals.deadLettersRecent() + " in the last " + PipelineSignals.RECENT_MINUTES
                                + " min" + (Boolean.TRUE.equals(signals.deadLettersRising()) ? " (rising)" : ""),
                "");
        table.row(
                "alerts firing",
                signals.alerts() == null
                        ? "unknown (no Prometheus)"
                        : signals.alerts().isEmpty()
                                ? "none"
                                : signals.alerts().stream()
                                        .map(a -> a.name() + " (" + a.severity() + ")")
                                        .collect(java.util.stream.Collectors.joining(", ")),
                "");
        table.print(out);
        out.println(p.healthy() ? "pipeline: healthy" : "pipeline: " + String.join("; ", p.problems()));
        if (signals.alerts() != null && !signals.alerts().isEmpty()) {
            out.println("alerts: 'rideops alerts' says what to run for each");
        }
    }

    /** How far the connector's snapshot got, or how it ended. */
    static String snapshot(ConnectorSnapshot s) {
        String tablesLeft = s.remainingTables() + " of " + s.tables() + " tables left";
        String events = String.format(Locale.ROOT, "%,d events", s.eventsSeen());
        return switch (s.state()) {
            case ConnectorSnapshot.RUNNING ->
                "running: " + tablesLeft + ", " + events + " seen, " + uptime(s.durationSeconds());
            case ConnectorSnapshot.COMPLETED -> "completed in " + uptime(s.durationSeconds()) + ", " + events;
            // Debezium takes it again from the start when the connector's task restarts
            case ConnectorSnapshot.ABORTED ->
                "aborted after " + uptime(s.durationSeconds()) + " with " + tablesLeft
                        + " (it starts again when the connector restarts)";
            case ConnectorSnapshot.SKIPPED -> "skipped: the connector's offsets hold one already";
            default -> "not started yet";
        };
    }

    /**
     * The filesystem of $RIDEOPS_HOME in {@code status --json}: free and total bytes (null when unreadable), the
     * {@code disk.min-free} threshold, the Flink cluster's checkpoints and savepoints (they belong to no service),
     * and the warning when less than the threshold is free (else null).
     */
    record Disk(Long freeBytes, Long totalBytes, long minFreeBytes, Long flinkBytes, String warning) {

        static Disk of(Path home, Optional<DiskSpace> space, long minFreeBytes, DiskUsage usage) {
            return new Disk(
                    space.map(DiskSpace::freeBytes).orElse(null),
                    space.map(DiskSpace::totalBytes).orElse(null),
                    minFreeBytes,
                    usage.bytes().get(DiskUsage.FLINK),
                    space.flatMap(s -> LowDisk.warning(home, s, minFreeBytes, usage))
                            .orElse(null));
        }

        String summary(Path home) {
            if (freeBytes == null) {
                return "disk: cannot read the free space under " + home;
            }
            return "disk: " + Bytes.human(freeBytes) + " free of " + Bytes.human(totalBytes) + " under " + home
                    + (flinkBytes == null ? "" : "; " + DiskUsage.FLINK + " " + Bytes.human(flinkBytes));
        }
    }

    static long totalRss(List<ServiceStatus> statuses) {
        return statuses.stream()
                .map(ServiceStatus::rssMb)
                .filter(Objects::nonNull)
                .mapToLong(Long::longValue)
                .sum();
    }

    static void printTable(PrintWriter out, List<ServiceStatus> statuses) {
        Table table = new Table("SERVICE", "STATE", "PID", "USER", "PORT", "UPTIME", "RSS", "DISK", "ENDPOINT");
        for (ServiceStatus s : statuses) {
            table.row(
                    s.service(),
                    s.state(),
                    s.pid() == null ? "-" : s.pid(),
                    s.user() == null ? "-" : s.user(),
                    s.port(),
                    uptime(s.uptimeSeconds()),
                    s.rssMb() == null ? "-" : s.rssMb() + " MiB",
                    s.diskBytes() == null ? "-" : Bytes.human(s.diskBytes()),
                    s.endpoint());
        }
        table.row("total", "", "", "", "", "", totalRss(statuses) + " MiB", "", "");
        table.print(out);
    }

    private static String uptime(Long seconds) {
        if (seconds == null) {
            return "-";
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m" + (seconds % 60) + "s";
        }
        return (seconds / 3600) + "h" + (seconds % 3600 / 60) + "m";
    }
}
