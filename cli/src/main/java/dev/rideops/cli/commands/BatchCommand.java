package dev.rideops.cli.commands;

import dev.rideops.cli.batch.BatchRun;
import dev.rideops.cli.batch.BatchRuns;
import dev.rideops.cli.batch.CohortBatchRun;
import dev.rideops.cli.config.Databases;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.error.ExitCodes;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.options.DurationConverter;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.cli.pipeline.PipelineDeployment;
import dev.rideops.contract.CohortBatchContract;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "batch",
        description = "The daily batches: 'cohort' computes rider and driver cohorts (retention, churn, return) and "
                + "driver productivity for finished UTC days on the Flink cluster; 'status' lists the days done, "
                + "running and failed. The stack runs the cohort batch for each finished day by itself.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  rideops batch cohort                                  # yesterday (UTC)",
            "  rideops batch cohort --date 2026-11-27",
            "  rideops batch cohort --from 2026-11-14 --to 2026-11-27 --json",
            "  rideops batch status"
        },
        subcommands = {BatchCommand.Cohort.class, BatchCommand.Status.class})
public class BatchCommand extends BaseCommand {

    @Override
    protected int execute() {
        spec.commandLine().usage(out());
        return 0;
    }

    @Command(
            name = "cohort",
            description = "Run the cohort batch for one finished UTC day (default yesterday) or a range, on the Flink "
                    + "cluster of the config (local or remote), and wait for it: each day's rows in "
                    + "mart.rider_cohort_retention, mart.driver_cohort_retention, the sign-up cohorts and "
                    + "mart.driver_daily_productivity are replaced. Rerunning a day changes nothing; a day without "
                    + "activity gives empty cohorts. Exits 1 unless every day is done.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  rideops batch cohort --date 2026-11-27",
                "  rideops batch cohort --from 2026-11-14 --to 2026-11-27   # backfill two weeks"
            })
    static class Cohort extends BaseCommand {

        @Option(names = "--date", paramLabel = "DAY", description = "One UTC day (YYYY-MM-DD).")
        LocalDate date;

        @Option(names = "--from", paramLabel = "DAY", description = "First day of a range (with --to).")
        LocalDate from;

        @Option(names = "--to", paramLabel = "DAY", description = "Last day of a range, included (with --from).")
        LocalDate to;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                defaultValue = "30m",
                converter = DurationConverter.class,
                description = "How long to wait for the job (default ${DEFAULT-VALUE}); it is cancelled then.")
        Duration timeout;

        @Mixin
        JsonMixin json;

        @Override
        protected int execute() {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            LocalDate first;
            LocalDate last;
            if (date != null && (from != null || to != null)) {
                throw new UsageException("--date and --from/--to both given", "give one day or one range");
            }
            if (date != null) {
                first = date;
                last = date;
            } else if (from != null || to != null) {
                if (from == null || to == null) {
                    throw new UsageException(
                            "a range needs both --from and --to", "e.g. --from 2026-11-14 --to " + today.minusDays(1));
                }
                first = from;
                last = to;
            } else {
                first = today.minusDays(1);
                last = first;
            }
            CohortBatchRun.days(first, last, today); // bad input is refused before anything is touched
            Endpoints endpoints =
                    Endpoints.from(config(), Stacks.current(config()).spec());
            CohortBatchRun.Result result = new CohortBatchRun(
                            config(), endpoints, PipelineDeployment.builtJobJar(), err(), Clock.systemUTC())
                    .run(first, last, timeout);
            if (json.enabled()) {
                Json.print(out(), json(result));
            } else {
                print(out(), result);
            }
            return result.succeeded() ? ExitCodes.OK : ExitCodes.FAILURE;
        }

        static Map<String, Object> json(CohortBatchRun.Result r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", r.from().toString());
            m.put("to", r.to().toString());
            m.put("flink_job_id", r.flinkJobId());
            m.put("state", r.state());
            m.put("succeeded", r.succeeded());
            m.put("seconds", r.seconds());
            m.put("rows_written", r.rowsWritten());
            m.put("days", r.days().stream().map(BatchCommand::json).toList());
            return m;
        }

        static void print(PrintWriter out, CohortBatchRun.Result r) {
            printDays(out, r.days());
            out.printf(
                    Locale.ROOT,
                    "%ncohort batch %s: %s, Flink job %s %s in %.1f s; %d rows written%n",
                    r.succeeded() ? "done" : "FAILED",
                    r.from().equals(r.to()) ? r.from().toString() : r.from() + " to " + r.to(),
                    r.flinkJobId(),
                    r.state(),
                    r.seconds(),
                    r.rowsWritten().values().stream().mapToLong(Long::longValue).sum());
            out.flush();
        }
    }

    @Command(
            name = "status",
            description = "The cohort batch's days from mart.batch_run, newest first: DONE (with rows written), "
                    + "RUNNING or FAILED (with the job's error). Exits 1 when a day failed.",
            footerHeading = "%nExample:%n",
            footer = "  rideops batch status --from 2026-11-01 --json")
    static class Status extends BaseCommand {

        @Option(names = "--from", paramLabel = "DAY", description = "Only days from this one.")
        LocalDate from;

        @Option(names = "--to", paramLabel = "DAY", description = "Only days up to this one.")
        LocalDate to;

        @Mixin
        JsonMixin json;

        @Override
        protected int execute() {
            Endpoints endpoints =
                    Endpoints.from(config(), Stacks.current(config()).spec());
            List<BatchRun> runs;
            try (Connection reporting = Databases.reporting(config(), endpoints)) {
                BatchRuns batchRuns = new BatchRuns(reporting);
                batchRuns.requireSchema();
                // a RUNNING day whose Flink job has ended is a failure the job could not record
                runs = BatchRuns.withJobStates(batchRuns.list(from, to), BatchRuns.jobStates(endpoints.flink()));
            } catch (SQLException e) {
                throw new RideopsException(
                        "cannot read " + CohortBatchContract.BATCH_RUN + ": " + e.getMessage(),
                        "check 'rideops status' and that 'rideops deploy' applied the schemas");
            }
            if (json.enabled()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("days", runs.stream().map(BatchCommand::json).toList());
                m.put("done", count(runs, BatchRun.DONE));
                m.put("running", count(runs, BatchRun.RUNNING));
                m.put("failed", count(runs, BatchRun.FAILED));
                Json.print(out(), m);
            } else if (runs.isEmpty()) {
                out().println("no cohort batch has run yet: 'rideops batch cohort' runs yesterday");
                out().flush();
            } else {
                printDays(out(), runs);
                out().printf(
                                Locale.ROOT,
                                "%n%d done, %d running, %d failed%n",
                                count(runs, BatchRun.DONE),
                                count(runs, BatchRun.RUNNING),
                                count(runs, BatchRun.FAILED));
                out().flush();
            }
            return count(runs, BatchRun.FAILED) == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    private static long count(List<BatchRun> runs, String state) {
        return runs.stream().filter(r -> state.equals(r.state())).count();
    }

    static Map<String, Object> json(BatchRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("day", r.day().toString());
        m.put("state", r.state());
        m.put("flink_job_id", r.flinkJobId());
        m.put("started_at", r.startedAt() == null ? null : r.startedAt().toString());
        m.put("finished_at", r.finishedAt() == null ? null : r.finishedAt().toString());
        m.put("churn_days", r.churnDays());
        m.put("max_day_offset", r.maxDayOffset());
        m.put("online_gap_seconds", r.onlineGapSeconds());
        m.put("rows_written", r.rowsWritten());
        m.put("error", r.error());
        return m;
    }

    private static final List<String> TABLES = List.of(
            CohortBatchContract.RIDER_COHORTS,
            CohortBatchContract.DRIVER_COHORTS,
            CohortBatchContract.RIDER_SIGNUPS,
            CohortBatchContract.DRIVER_SIGNUPS,
            CohortBatchContract.PRODUCTIVITY);

    static void printDays(PrintWriter out, List<BatchRun> runs) {
        Table table = new Table(
                "DAY",
                "STATE",
                "RIDER COHORTS",
                "DRIVER COHORTS",
                "RIDER SIGN-UPS",
                "DRIVER SIGN-UPS",
                "PRODUCTIVITY",
                "FINISHED",
                "ERROR");
        for (BatchRun r : runs) {
            List<Object> cells = new ArrayList<>(List.of(r.day(), r.state()));
            for (String t : TABLES) {
                cells.add(r.rowsWritten() == null ? "-" : r.rowsWritten().getOrDefault(t, 0L));
            }
            cells.add(r.finishedAt() == null ? "-" : r.finishedAt().toString());
            cells.add(r.error() == null ? "" : r.error());
            table.row(cells.toArray());
        }
        table.print(out);
    }
}
