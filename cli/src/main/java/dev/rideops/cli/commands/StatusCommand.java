package dev.rideops.cli.commands;

import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.ExitCodes;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.stack.RetainedState;
import dev.rideops.stack.ServiceStatus;
import dev.rideops.stack.Stack;
import dev.rideops.stack.disk.Bytes;
import dev.rideops.stack.disk.DiskSpace;
import dev.rideops.stack.disk.DiskUsage;
import dev.rideops.stack.disk.LowDisk;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "status",
        description = "Show each service: state (healthy/running/down), pid, port, uptime, memory, disk; and the "
                + "free space under $RIDEOPS_HOME (a warning below disk.min-free). "
                + "Exits 0 only when every service is healthy. --json adds flink_retained: the count and bytes of "
                + "retained checkpoints, savepoints and uploaded jars under $RIDEOPS_HOME/flink.")
public class StatusCommand extends BaseCommand {

    @Mixin
    JsonMixin json;

    @Override
    protected int execute() {
        Stack stack = Stacks.current(config());
        Path home = stack.spec().home();
        DiskUsage usage = stack.diskUsage();
        List<ServiceStatus> statuses = stack.status(usage);
        Disk disk = Disk.of(home, DiskSpace.of(home), config().bytes(Setting.DISK_MIN_FREE), usage);
        boolean allHealthy = statuses.stream().allMatch(s -> s.state().equals(ServiceStatus.HEALTHY));
        RetainedState.Usage retained = new RetainedState(home).usage();
        if (json.enabled()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("home", home.toString());
            report.put("healthy", allHealthy);
            report.put("total_rss_mb", totalRss(statuses));
            report.put("services", statuses);
            report.put("disk", disk);
            report.put("flink_retained", retained);
            Json.print(out(), report);
        } else {
            printTable(out(), statuses);
            statuses.stream()
                    .filter(s -> s.problem() != null)
                    .forEach(s -> out().println(s.service() + ": " + s.problem()));
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
        return allHealthy ? ExitCodes.OK : ExitCodes.FAILURE;
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
        Table table = new Table("SERVICE", "STATE", "PID", "PORT", "UPTIME", "RSS", "DISK", "ENDPOINT");
        for (ServiceStatus s : statuses) {
            table.row(
                    s.service(),
                    s.state(),
                    s.pid() == null ? "-" : s.pid(),
                    s.port(),
                    uptime(s.uptimeSeconds()),
                    s.rssMb() == null ? "-" : s.rssMb() + " MiB",
                    s.diskBytes() == null ? "-" : Bytes.human(s.diskBytes()),
                    s.endpoint());
        }
        table.row("total", "", "", "", "", totalRss(statuses) + " MiB", "", "");
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
