package dev.rideops.cli.commands;

import dev.rideops.cli.alerts.AlertHistory;
import dev.rideops.cli.alerts.AlertLog;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.error.ExitCodes;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.options.DurationConverter;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.prometheus.Alert;
import dev.rideops.clients.prometheus.FiringPeriod;
import dev.rideops.clients.prometheus.PrometheusAlerts;
import dev.rideops.stack.Stack;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "alerts",
        description = "List the alerts Prometheus has firing or pending, with what to run for each. Exits 1 when "
                + "one fires. --history shows when each fired instead.")
public class AlertsCommand extends BaseCommand {

    @Option(
            names = "--history",
            description = "When each alert fired over --since: from what Alertmanager notified the exporter "
                    + "(services/exporter/alerts.log) when that log exists, else from Prometheus's ALERTS series "
                    + "(kept for monitoring.retention).")
    boolean history;

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            defaultValue = "24h",
            converter = DurationConverter.class,
            description = "How far back --history looks (default ${DEFAULT-VALUE}).")
    Duration since;

    @Mixin
    JsonMixin json;

    @Override
    protected int execute() {
        if (!history && spec.commandLine().getParseResult().hasMatchedOption("--since")) {
            throw new UsageException("--since goes with --history", "add --history, or leave --since out");
        }
        Stack stack = Stacks.current(config());
        PrometheusAlerts prometheus =
                new PrometheusAlerts(Endpoints.from(config(), stack.spec()).prometheusUrl());
        AlertLog log =
                new AlertLog(stack.exporter().alertsLog(), stack.exporter().alertsLogRotation());
        if (history && log.exists()) {
            return logHistory(log);
        }
        try {
            return history ? history(prometheus) : active(prometheus);
        } catch (ClientException e) {
            throw new RideopsException(
                    e.getMessage(),
                    "start the local one with 'rideops up' (prometheus must be installed), or set "
                            + "monitoring.prometheus-url to a Prometheus that runs",
                    e);
        }
    }

    private int active(PrometheusAlerts prometheus) {
        List<Alert> alerts = prometheus.active();
        long firing = alerts.stream().filter(Alert::firing).count();
        if (json.enabled()) {
            Json.print(
                    out(),
                    new ActiveReport(
                            prometheus.url(),
                            firing,
                            alerts.size() - firing,
                            alerts.stream().map(ActiveAlert::of).toList()));
        } else {
            printActive(out(), prometheus.url(), alerts);
        }
        return firing > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    static void printActive(PrintWriter out, String url, List<Alert> alerts) {
        if (alerts.isEmpty()) {
            out.println("no alerts firing or pending (Prometheus at " + url + ")");
            out.flush();
            return;
        }
        Table table = new Table("ALERT", "STATE", "SEVERITY", "SINCE", "SUMMARY");
        for (Alert a : alerts) {
            table.row(a.name(), a.state(), a.severity(), time(a.activeSince()), a.summary());
        }
        table.print(out);
        out.println();
        out.println("What to run:");
        Map<String, String> runbooks = new LinkedHashMap<>();
        alerts.forEach(a -> runbooks.putIfAbsent(a.name(), a.runbook()));
        runbooks.forEach((name, runbook) -> out.println("  " + name + ": " + runbook));
        long firing = alerts.stream().filter(Alert::firing).count();
        out.println();
        out.println(firing + " firing, " + (alerts.size() - firing) + " pending (Prometheus at " + url + ")");
        out.flush();
    }

    private int history(PrometheusAlerts prometheus) {
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = to.minus(since);
        return printHistory(
                HistoryReport.PROMETHEUS,
                prometheus.url(),
                null,
                "Prometheus at " + prometheus.url(),
                from,
                to,
                prometheus.firingPeriods(from, to));
    }

    /** What Alertmanager notified: the alerts Prometheus sent it, resolutions included, however long ago. */
    private int logHistory(AlertLog log) {
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = to.minus(since);
        List<FiringPeriod> periods;
        try {
            periods = AlertHistory.periods(log.read(), from, to);
        } catch (IOException e) {
            throw new RideopsException(
                    "cannot read the alert log " + log.file() + ": " + e.getMessage(),
                    "check its permissions ('rideops alerts --history' reads it as the user who runs the stack)",
                    e);
        }
        return printHistory(
                HistoryReport.ALERTMANAGER_LOG,
                null,
                log.file().toString(),
                "Alertmanager's notifications in " + log.file(),
                from,
                to,
                periods);
    }

    private int printHistory(
            String source, String url, String log, String where, Instant from, Instant to, List<FiringPeriod> periods) {
        if (json.enabled()) {
            Json.print(
                    out(),
                    new HistoryReport(
                            source,
                            url,
                            log,
                            from.toString(),
                            to.toString(),
                            periods.stream().map(Period::of).toList()));
        } else {
            printHistory(out(), where, from, periods);
        }
        return ExitCodes.OK;
    }

    /** @param where the source, as the last line names it: {@code Prometheus at <url>} */
    static void printHistory(PrintWriter out, String where, Instant from, List<FiringPeriod> periods) {
        if (periods.isEmpty()) {
            out.println("no alert fired since " + time(from) + " (" + where + ")");
            out.flush();
            return;
        }
        Table table = new Table("ALERT", "SEVERITY", "FROM", "TO", "LASTED", "LABELS");
        for (FiringPeriod p : periods) {
            table.row(
                    p.name(),
                    p.severity(),
                    time(p.from()),
                    p.ongoing() ? "firing now" : time(p.to()),
                    lasted(p.lasted()),
                    labels(p.labels()));
        }
        table.print(out);
        out.println();
        out.println(periods.size() + " firing period" + (periods.size() == 1 ? "" : "s") + " since " + time(from) + " ("
                + where + ")");
        out.flush();
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code 45s}, {@code 12m}, {@code 3h05m}: as exact as a period seen every evaluation can be. */
    static String lasted(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }

    private static String labels(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    record ActiveReport(String prometheus, long firing, long pending, List<ActiveAlert> alerts) {}

    record ActiveAlert(
            String alert,
            String state,
            String severity,
            String activeSince,
            String summary,
            String runbook,
            Map<String, String> labels) {

        static ActiveAlert of(Alert a) {
            return new ActiveAlert(
                    a.name(), a.state(), a.severity(), time(a.activeSince()), a.summary(), a.runbook(), a.labels());
        }
    }

    /**
     * @param source {@link #ALERTMANAGER_LOG} or {@link #PROMETHEUS}
     * @param prometheus its URL when it was the source
     * @param log the log's path when it was the source
     */
    record HistoryReport(String source, String prometheus, String log, String from, String to, List<Period> periods) {
        static final String ALERTMANAGER_LOG = "alertmanager-log";
        static final String PROMETHEUS = "prometheus";
    }

    record Period(
            String alert,
            String severity,
            String from,
            String to,
            boolean ongoing,
            long lastedSeconds,
            Map<String, String> labels) {

        static Period of(FiringPeriod p) {
            return new Period(
                    p.name(),
                    p.severity(),
                    time(p.from()),
                    time(p.to()),
                    p.ongoing(),
                    p.lasted().toSeconds(),
                    p.labels());
        }
    }
}
