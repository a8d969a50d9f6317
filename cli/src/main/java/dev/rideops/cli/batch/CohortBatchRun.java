package dev.rideops.cli.batch;

import dev.rideops.cli.config.Databases;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.config.SourceDbs;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.contract.CohortBatchContract;
import dev.rideops.contract.CohortBatchContract.Arg;
import dev.rideops.contract.MartRetention;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the cohort batch for a range of finished UTC days: the job jar's second entry class, uploaded to the Flink
 * cluster of the config (local or remote, as deploy does) and run there; waits for it with progress on stderr and
 * reports each day's rows from {@code mart.batch_run}. The uploaded jar is deleted afterwards.
 */
public final class CohortBatchRun {

    /** The states of a Flink job that has ended. */
    static final Set<String> ENDED = Set.of("FINISHED", "FAILED", "CANCELED");

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    /** What a run did: the Flink job, how it ended, and each day as batch_run records it. */
    public record Result(
            LocalDate from, LocalDate to, String flinkJobId, String state, double seconds, List<BatchRun> days) {

        public boolean succeeded() {
            return "FINISHED".equals(state) && days.stream().allMatch(d -> BatchRun.DONE.equals(d.state()));
        }

        public Map<String, Long> rowsWritten() {
            Map<String, Long> total = new LinkedHashMap<>();
            for (BatchRun d : days) {
                if (d.rowsWritten() != null) {
                    d.rowsWritten().forEach((table, rows) -> total.merge(table, rows, Long::sum));
                }
            }
            return total;
        }
    }

    private final RideopsConfig config;
    private final Endpoints endpoints;
    private final Path jar;
    private final PrintWriter err;
    private final Clock clock;

    public CohortBatchRun(RideopsConfig config, Endpoints endpoints, Path jar, PrintWriter err, Clock clock) {
        this.config = config;
        this.endpoints = endpoints;
        this.jar = jar;
        this.err = err;
        this.clock = clock;
    }

    /**
     * The days from {@code from} to {@code to}, refused in one line unless every one of them has ended (UTC) and
     * the range is in order.
     */
    public static List<LocalDate> days(LocalDate from, LocalDate to, LocalDate today) {
        if (to.isBefore(from)) {
            throw new UsageException("--to " + to + " is before --from " + from, "give the range's first day first");
        }
        if (!to.isBefore(today)) {
            throw new UsageException(
                    to + (to.isAfter(today) ? " is in the future" : " has not ended yet") + " (today is " + today
                            + " UTC)",
                    "choose a day up to " + today.minusDays(1) + "; the schedule runs each day soon after it ends");
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    /**
     * Everything {@link #run} refuses before it submits, for a caller that must know before it starts anything else
     * (a bench that runs the batch after its warm-up): the range, the retention setting, the source database and the
     * reporting schema's cohort tables.
     */
    public void check(LocalDate from, LocalDate to) {
        checkRange(from, to);
        requireSource();
        try (Connection reporting = Databases.reporting(config, endpoints)) {
            new BatchRuns(reporting).requireSchema();
        } catch (SQLException e) {
            throw new RideopsException(
                    "the cohort batch could not read the reporting database: " + e.getMessage(),
                    "check 'rideops status' and that 'rideops deploy' applied the schemas");
        }
    }

    private List<LocalDate> checkRange(LocalDate from, LocalDate to) {
        List<LocalDate> days = days(from, to, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        int retention = retentionDays(config);
        if (retention > 0 && from.isBefore(to.minusDays(retention))) {
            // the run for its last day would delete its first days again (and report them as not written)
            throw new UsageException(
                    "--from " + from + " is more than " + Setting.MART_RETENTION_COHORT_DAYS.key() + " (" + retention
                            + ") days before --to " + to,
                    "start at " + to.minusDays(retention) + " or later, or raise "
                            + Setting.MART_RETENTION_COHORT_DAYS.key());
        }
        return days;
    }

    public Result run(LocalDate from, LocalDate to, Duration timeout) {
        List<LocalDate> days = checkRange(from, to);
        requireSource();
        long started = clock.millis();
        // rideops only reads the mart here, as the reader: the job writes its own batch_run rows as the mart writer
        try (Connection reporting = Databases.reporting(config, endpoints)) {
            BatchRuns runs = new BatchRuns(reporting);
            runs.requireSchema();
            FlinkJob flink = endpoints.flink();
            String jarId = null;
            String jobId = null;
            String state;
            try {
                jarId = flink.upload(jar);
                jobId = flink.run(jarId, CohortBatchContract.ENTRY_CLASS, programArgs(from, to), null, null);
                err.println("rideops: cohort batch for " + range(from, to) + " runs as Flink job " + jobId + " on "
                        + endpoints.flinkUrl());
                err.flush();
                state = await(flink, jobId, runs, from, to, days.size(), timeout);
            } catch (ClientException | IOException e) {
                throw new RideopsException(
                        "the cohort batch could not run on " + endpoints.flinkUrl() + ": " + e.getMessage(),
                        e instanceof ClientException c ? c.fix() : "check 'rideops status'",
                        e);
            } finally {
                if (jarId != null) {
                    deleteQuietly(flink, jarId);
                }
            }
            String cause = "FINISHED".equals(state)
                    ? "the job finished without writing this day"
                    : "FAILED".equals(state)
                            ? flink.failureCause(jobId).orElse("the job failed")
                            : "the job was " + state.toLowerCase(java.util.Locale.ROOT);
            return new Result(
                    from,
                    to,
                    jobId,
                    state,
                    (clock.millis() - started) / 1000.0,
                    outcome(days, runs.list(from, to), jobId, "Flink job " + jobId + " " + state + ": " + cause));
        } catch (SQLException e) {
            throw new RideopsException(
                    "the cohort batch could not read the reporting database: " + e.getMessage(),
                    "check 'rideops status' and that 'rideops deploy' applied the schemas");
        }
    }

    /**
     * Each requested day as this run left it, newest first: its batch_run row when this job wrote it DONE or FAILED,
     * else FAILED with the job's end (a day the job never reached, or left RUNNING as it failed or was cancelled).
     */
    static List<BatchRun> outcome(List<LocalDate> days, List<BatchRun> recorded, String jobId, String cause) {
        Map<LocalDate, BatchRun> byDay = new LinkedHashMap<>();
        recorded.forEach(r -> byDay.put(r.day(), r));
        List<BatchRun> out = new ArrayList<>();
        for (LocalDate day : days) {
            BatchRun r = byDay.get(day);
            boolean ours = r != null && jobId.equals(r.flinkJobId());
            if (ours && !BatchRun.RUNNING.equals(r.state())) {
                out.add(r);
            } else {
                out.add(
                        ours
                                ? r.failed(cause)
                                : new BatchRun(day, BatchRun.FAILED, jobId, null, null, null, null, null, null, cause));
            }
        }
        out.sort(java.util.Comparator.comparing(BatchRun::day).reversed());
        return out;
    }

    /** Days this job finished: a day DONE by an earlier run (being run again) is not done yet. */
    static long doneBy(List<BatchRun> runs, String jobId) {
        return runs.stream()
                .filter(r -> BatchRun.DONE.equals(r.state()) && jobId.equals(r.flinkJobId()))
                .count();
    }

    /** A missing or unreachable source database is one line, before anything is submitted. */
    private void requireSource() {
        try (Connection source = Databases.source(config);
                PreparedStatement s = source.prepareStatement("SELECT to_regclass('public.bookings') IS NOT NULL");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new RideopsException(
                        "the source database " + SourceDbs.from(config) + " has no bookings table",
                        "apply the source schema with 'rideops deploy --only schema' (or 'rideops up')");
            }
        } catch (SQLException e) {
            throw new RideopsException(
                    "cannot read the source database " + SourceDbs.from(config) + ": " + e.getMessage(),
                    "start the stack with 'rideops up', or fix the source.* settings");
        }
    }

    private String await(
            FlinkJob flink, String jobId, BatchRuns runs, LocalDate from, LocalDate to, int total, Duration timeout)
            throws SQLException {
        long deadline = clock.millis() + timeout.toMillis();
        long nextProgress = clock.millis() + PROGRESS_EVERY.toMillis();
        long lastDone = -1;
        while (true) {
            String state = flink.state(jobId);
            long done = doneBy(runs.list(from, to), jobId);
            if (ENDED.contains(state)) {
                return state;
            }
            if (done != lastDone || clock.millis() >= nextProgress) {
                err.printf(
                        java.util.Locale.ROOT,
                        "rideops: cohort batch %d/%d days done (%s, %.0f s)%n",
                        done,
                        total,
                        state,
                        (clock.millis() - (deadline - timeout.toMillis())) / 1000.0);
                err.flush();
                lastDone = done;
                nextProgress = clock.millis() + PROGRESS_EVERY.toMillis();
            }
            if (clock.millis() >= deadline) {
                flink.cancel(jobId);
                return "CANCELED";
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                flink.cancel(jobId);
                throw new RideopsException(
                        "interrupted; the cohort batch job " + jobId + " was cancelled",
                        "run 'rideops batch cohort' again for the days 'rideops batch status' shows FAILED");
            }
        }
    }

    List<String> programArgs(LocalDate from, LocalDate to) {
        Map<Arg, String> args = new LinkedHashMap<>();
        String sourceUrl = config.get(Setting.JOB_SOURCE_URL);
        args.put(Arg.SOURCE_URL, sourceUrl.isBlank() ? SourceDbs.from(config).url() : sourceUrl);
        // Passwords are looked up on the TaskManagers (a file named here, else their environment, which the local
        // stack sets), never program arguments: Flink shows and logs those. The source is read as the reader.
        args.put(Arg.SOURCE_USER, config.get(Setting.READER_USER));
        putIfSet(args, Arg.SOURCE_PASSWORD_FILE, config.get(Setting.JOB_SOURCE_PASSWORD_FILE));
        String reportingUrl = config.get(Setting.JOB_REPORTING_URL);
        args.put(Arg.REPORTING_URL, reportingUrl.isBlank() ? endpoints.reportingJdbcUrl() : reportingUrl);
        args.put(Arg.REPORTING_USER, config.get(Setting.REPORTING_USER));
        putIfSet(args, Arg.REPORTING_PASSWORD_FILE, config.get(Setting.JOB_REPORTING_PASSWORD_FILE));
        args.put(Arg.FROM, from.toString());
        args.put(Arg.TO, to.toString());
        args.put(Arg.CHURN_DAYS, config.get(Setting.BATCH_CHURN_DAYS));
        args.put(Arg.MAX_DAY_OFFSET, config.get(Setting.BATCH_MAX_DAY_OFFSET));
        args.put(Arg.ONLINE_GAP_SECONDS, config.get(Setting.BATCH_ONLINE_GAP_SECONDS));
        args.put(Arg.RETENTION_DAYS, Integer.toString(retentionDays(config)));
        List<String> list = new ArrayList<>();
        args.forEach((arg, value) -> list.addAll(List.of(arg.flag(), value)));
        return list;
    }

    /**
     * {@code mart.retention.cohort-days}, refused in one line when a run would delete rows it still writes (cohorts
     * up to {@code batch.max-day-offset} back) or the schedule still owes ({@code batch.catch-up-days} back: it would
     * compute the deleted days again at every check).
     */
    static int retentionDays(RideopsConfig config) {
        int days = config.intValue(Setting.MART_RETENTION_COHORT_DAYS);
        int fewest = MartRetention.fewestCohortDays(
                config.intValue(Setting.BATCH_MAX_DAY_OFFSET), config.intValue(Setting.BATCH_CATCH_UP_DAYS));
        if (days != 0 && days < fewest) {
            throw new UsageException(
                    Setting.MART_RETENTION_COHORT_DAYS.key() + " is " + days + " (from "
                            + config.origin(Setting.MART_RETENTION_COHORT_DAYS) + "), fewer than the " + fewest
                            + " days the batch still writes or the schedule may run again",
                    "set it to " + fewest + " or more (or 0 to keep every day), or lower "
                            + Setting.BATCH_MAX_DAY_OFFSET.key() + " and " + Setting.BATCH_CATCH_UP_DAYS.key());
        }
        return days;
    }

    private static void putIfSet(Map<Arg, String> args, Arg arg, String value) {
        if (!value.isEmpty()) {
            args.put(arg, value);
        }
    }

    private static void deleteQuietly(FlinkJob flink, String jarId) {
        try {
            flink.deleteJar(jarId);
        } catch (ClientException e) {
            // a jar left behind is pruned by the next deploy
        }
    }

    static String range(LocalDate from, LocalDate to) {
        return from.equals(to) ? from.toString() : from + " to " + to;
    }
}
