package dev.rideops.cli.commands;

import dev.rideops.cli.batch.BatchRun;
import dev.rideops.cli.batch.BatchRuns;
import dev.rideops.cli.bench.BenchRun;
import dev.rideops.cli.config.Databases;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.ExitCodes;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.options.DurationConverter;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.cli.pipeline.PipelineDeployment;
import dev.rideops.cli.verify.CheckResult;
import dev.rideops.cli.verify.CohortCheck;
import dev.rideops.cli.verify.MetricDefinitions;
import dev.rideops.cli.verify.Verifier;
import dev.rideops.cli.verify.VerifyHistory;
import dev.rideops.cli.verify.VerifyReport;
import dev.rideops.clients.http.RestCalls;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "verify",
        description = "Wait for the pipeline to drain, then recompute every pinned and catalogue metric from the "
                + "source and compare with the mart and the search index. Exits 0 only when all match. With "
                + "--cohorts: the cohort batch's tables instead.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  rideops verify --since 15m",
            "  rideops verify --all --json",
            "  rideops verify --cohorts --date 2026-11-27"
        })
public class VerifyCommand extends BaseCommand {

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            defaultValue = "1h",
            converter = DurationConverter.class,
            description = "Check buckets from this long ago (default ${DEFAULT-VALUE}); HOUR buckets that start "
                    + "inside the window.")
    Duration since;

    @Option(names = "--all", description = "Check every bucket, not just --since.")
    boolean all;

    @Option(
            names = "--drain-timeout",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "How long to wait for the pipeline to drain (default ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(
            names = "--cohorts",
            description = "Check the cohort batch's tables instead: recompute every DONE day (or --date) from the "
                    + "source with the SQL of docs/KPI_CATALOGUE.md#cohorts and compare with the mart.")
    boolean cohorts;

    @Option(names = "--date", paramLabel = "DAY", description = "With --cohorts: only this UTC day.")
    LocalDate date;

    @Mixin
    JsonMixin json;

    @Override
    protected int execute() {
        if (date != null && !cohorts) {
            throw new UsageException("--date is for --cohorts", "e.g. rideops verify --cohorts --date 2026-11-27");
        }
        if (cohorts) {
            return cohorts();
        }
        VerifyReport report = run(config(), all ? null : Instant.now().minus(since), drainTimeout, err());
        if (json.enabled()) {
            Json.print(out(), report);
        } else {
            print(out(), report);
        }
        return report.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private int cohorts() {
        Endpoints endpoints = Endpoints.from(config(), Stacks.current(config()).spec());
        CohortCheck check = CohortCheck.fromJobJar(PipelineDeployment.builtJobJar());
        try (Connection source = Databases.source(config());
                Connection reporting = Databases.reporting(config(), endpoints)) {
            BatchRuns runs = new BatchRuns(reporting);
            runs.requireSchema();
            List<BatchRun> done = runs.list(date, date).stream()
                    .filter(r -> BatchRun.DONE.equals(r.state()))
                    .toList();
            if (date != null && done.isEmpty()) {
                throw new RideopsException(
                        "the cohort batch has not finished " + date + " ('rideops batch status' shows its days)",
                        "run: rideops batch cohort --date " + date);
            }
            err().println("rideops: verifying the cohort tables of " + done.size() + " day(s) against the source");
            err().flush();
            List<CheckResult> results = check.check(source, reporting, done);
            boolean passed = results.stream().allMatch(CheckResult::passed);
            if (json.enabled()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("passed", passed);
                m.put("days", done.stream().map(r -> r.day().toString()).toList());
                m.put("checks", results);
                Json.print(out(), m);
            } else {
                Table table = new Table("CHECK", "TARGET", "CHECKED", "MISMATCHES", "WORST EXAMPLE");
                results.forEach(c -> table.row(c.check(), c.target(), c.checked(), c.mismatches(), c.worst()));
                table.print(out());
                out().printf(
                                Locale.ROOT,
                                "%nverify --cohorts %s: %d day(s), %d of %d tables matched%n",
                                passed ? "passed" : "FAILED",
                                done.size(),
                                results.stream().filter(CheckResult::passed).count(),
                                results.size());
                out().flush();
            }
            return passed ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (SQLException e) {
            throw new RideopsException(
                    "verify --cohorts could not query the databases: " + e.getMessage(),
                    "check 'rideops status' and that 'rideops deploy' applied the schemas");
        }
    }

    /**
     * The verify that 'bench', 'chaos --eps' and 'chaos suite' run on their windows, or null when they were told
     * {@code --no-verify}.
     */
    static BenchRun.Verification onWindow(boolean skip, RideopsConfig config, PrintWriter err) {
        return skip ? null : (since, drain) -> run(config, since, drain, err);
    }

    /** Runs verify against the endpoints in config; bench calls it on its window. */
    static VerifyReport run(RideopsConfig config, Instant since, Duration drainTimeout, PrintWriter err) {
        Endpoints endpoints = Endpoints.from(config, Stacks.current(config).spec());
        MetricDefinitions definitions = MetricDefinitions.fromJobJar(PipelineDeployment.builtJobJar());
        err.println("rideops: verifying "
                + (since == null ? "every bucket" : "buckets since " + since.truncatedTo(ChronoUnit.MINUTES))
                + " against the source");
        err.flush();
        try (Connection source = Databases.source(config);
                Connection reporting = Databases.reporting(config, endpoints)) {
            RestCalls search = endpoints.searchAsReader(config);
            VerifyReport report = new Verifier(
                            source,
                            reporting,
                            search,
                            endpoints.flink(),
                            endpoints.kafka(config),
                            definitions,
                            config.intValue(Setting.SEARCH_TIMESERIES_RETENTION_DAYS),
                            config.intValue(Setting.MART_RETENTION_MINUTE_DAYS),
                            err)
                    .verify(since, drainTimeout);
            store(config, endpoints, report, err);
            return report;
        } catch (SQLException e) {
            throw new RideopsException(
                    "verify could not query the databases: " + e.getMessage(),
                    "check 'rideops status' and that 'rideops deploy' applied the schemas");
        }
    }

    /**
     * Keeps the outcome in the mart for the dashboard's Data quality page, written as the mart's writer (verify reads
     * as the read-only role), and deletes the runs beyond {@code mart.retention.verify-runs}. A mart that cannot take
     * it (a schema from before reporting migration V6, a writer whose login is refused) costs the page its newest
     * result, not the check.
     */
    private static void store(RideopsConfig config, Endpoints endpoints, VerifyReport report, PrintWriter err) {
        try (Connection mart = Databases.reportingAsWriter(config, endpoints)) {
            VerifyHistory.store(mart, report, Instant.now(), config.intValue(Setting.MART_RETENTION_VERIFY_RUNS));
        } catch (RideopsException | SQLException e) {
            // a refused login names the writer's password setting; anything else is most likely the schema
            err.println("rideops: warning: verify's result was not kept in mart.verify_run"
                    + (e instanceof RideopsException refused && Databases.loginRefused(e)
                            ? ": " + refused.oneLine()
                            : " (" + e.getMessage().lines().findFirst().orElse("") + "); run 'rideops deploy' to apply "
                                    + "the reporting schema, and let the reporting role insert there"));
            err.flush();
        }
    }

    static void print(PrintWriter out, VerifyReport report) {
        Table table = new Table("CHECK", "TARGET", "CHECKED", "MISMATCHES", "WORST EXAMPLE");
        for (CheckResult c : report.checks()) {
            table.row(c.check(), c.target(), c.checked(), c.mismatches(), c.worst());
        }
        table.print(out);
        VerifyReport.Quality q = report.quality();
        out.printf(
                Locale.ROOT,
                "%ncompleteness: bookings %s, payments %s, ratings %s, pings %s%n",
                percent(q.bookingsCompleteness()),
                percent(q.paymentsCompleteness()),
                percent(q.ratingsCompleteness()),
                percent(q.pingsCompleteness()));
        out.printf(
                Locale.ROOT,
                "duplication rate: %s   freshness: %s   dead-lettered events: %s%n",
                percent(q.duplicationRate()),
                q.freshnessSeconds() == null ? "unknown" : String.format(Locale.ROOT, "%.1f s", q.freshnessSeconds()),
                q.deadLetters() < 0 ? "unknown" : q.deadLetters());
        long failed = report.checks().stream().filter(c -> !c.passed()).count();
        out.printf(
                Locale.ROOT,
                "%nverify %s: %d of %d checks matched (window from %s; drained in %.1f s, " + "verified in %.1f s)%n",
                failed == 0 ? "passed" : "FAILED",
                report.checks().size() - failed,
                report.checks().size(),
                report.windowStart(),
                report.drainMs() / 1000.0,
                report.verifyMs() / 1000.0);
        out.flush();
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.4f%%", ratio * 100);
    }
}
