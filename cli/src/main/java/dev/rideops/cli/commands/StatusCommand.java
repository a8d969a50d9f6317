package dev.rideops.cli.commands;

import dev.rideops.cli.error.ExitCodes;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.stack.ServiceStatus;
import dev.rideops.stack.Stack;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "status",
        description = "Show each service: state (healthy/running/down), pid, port, uptime, memory. "
                + "Exits 0 only when every service is healthy.")
public class StatusCommand extends BaseCommand {

    @Mixin
    JsonMixin json;

    @Override
    protected int execute() {
        Stack stack = Stacks.current(config());
        List<ServiceStatus> statuses = stack.status();
        boolean allHealthy = statuses.stream().allMatch(s -> s.state().equals(ServiceStatus.HEALTHY));
        if (json.enabled()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("home", stack.spec().home().toString());
            report.put("healthy", allHealthy);
            report.put("total_rss_mb", totalRss(statuses));
            report.put("services", statuses);
            Json.print(out(), report);
        } else {
            printTable(out(), statuses);
            statuses.stream()
                    .filter(s -> s.problem() != null)
                    .forEach(s -> out().println(s.service() + ": " + s.problem()));
        }
        return allHealthy ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    static long totalRss(List<ServiceStatus> statuses) {
        return statuses.stream()
                .map(ServiceStatus::rssMb)
                .filter(Objects::nonNull)
                .mapToLong(Long::longValue)
                .sum();
    }

    static void printTable(PrintWriter out, List<ServiceStatus> statuses) {
        Table table = new Table("SERVICE", "STATE", "PID", "PORT", "UPTIME", "RSS", "ENDPOINT");
        for (ServiceStatus s : statuses) {
            table.row(
                    s.service(),
                    s.state(),
                    s.pid() == null ? "-" : s.pid(),
                    s.port(),
                    uptime(s.uptimeSeconds()),
                    s.rssMb() == null ? "-" : s.rssMb() + " MiB",
                    s.endpoint());
        }
        table.row("total", "", "", "", "", totalRss(statuses) + " MiB", "");
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
