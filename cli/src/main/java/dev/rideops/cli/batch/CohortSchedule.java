package dev.rideops.cli.batch;

import dev.rideops.cli.config.Databases;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The daily schedule of the cohort batch: every finished UTC day since the source's first booking (at most
 * {@code batch.catch-up-days} back) that has no DONE run gets one, so days missed while the stack was down are
 * caught up at the next check. It runs inside the stack's long-running dashboard process ({@link #start}), which
 * {@code up} always starts and {@code down} stops: a check a minute after it starts, then every ten minutes, so a
 * day runs within minutes of midnight.
 */
public final class CohortSchedule {

    /** A RUNNING day older than this was left by a process that died; it is due again. */
    static final Duration STALE_RUNNING = Duration.ofHours(6);

    static final Duration FIRST_CHECK = Duration.ofMinutes(1);
    static final Duration EVERY = Duration.ofMinutes(10);

    private CohortSchedule() {}

    /**
     * The days owed, oldest first: from the first day with activity (or {@code catchUpDays} before today, whichever
     * is later) to yesterday, every day without a DONE run or a fresh RUNNING one.
     */
    public static List<LocalDate> due(
            Optional<LocalDate> firstActivity, Map<LocalDate, BatchRun> runs, Instant now, int catchUpDays) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<LocalDate> due = new ArrayList<>();
        if (firstActivity.isEmpty()) {
            return due;
        }
        LocalDate from = firstActivity.get();
        if (from.isBefore(today.minusDays(catchUpDays))) {
            from = today.minusDays(catchUpDays);
        }
        for (LocalDate d = from; d.isBefore(today); d = d.plusDays(1)) {
            BatchRun run = runs.get(d);
            boolean owed = run == null
                    || BatchRun.FAILED.equals(run.state())
                    || (BatchRun.RUNNING.equals(run.state())
                            && run.startedAt() != null
                            && run.startedAt().plus(STALE_RUNNING).isBefore(now));
            if (owed) {
                due.add(d);
            }
        }
        return due;
    }

    /** One check: runs the batch over the owed days (one job from the first to the last); empty when none is owed. */
    public static Optional<CohortBatchRun.Result> runDue(
            RideopsConfig config, Endpoints endpoints, Path jar, PrintWriter err, Clock clock) throws SQLException {
        Optional<LocalDate> first;
        try (Connection source = Databases.source(config);
                PreparedStatement s =
                        source.prepareStatement("SELECT (min(requested_at) AT TIME ZONE 'UTC')::date FROM bookings");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            first = Optional.ofNullable(rs.getObject(1, LocalDate.class));
        }
        Map<LocalDate, BatchRun> runs;
        try (Connection reporting = Databases.reporting(config, endpoints)) {
            BatchRuns batchRuns = new BatchRuns(reporting);
            batchRuns.requireSchema();
            runs = BatchRuns.withJobStates(batchRuns.list(null, null), BatchRuns.jobStates(endpoints.flink())).stream()
                    .collect(Collectors.toMap(BatchRun::day, r -> r));
        }
        List<LocalDate> due = due(first, runs, clock.instant(), config.intValue(Setting.BATCH_CATCH_UP_DAYS));
        if (due.isEmpty()) {
            return Optional.empty();
        }
        err.println("rideops: schedule: cohort batch owes " + due.size() + " day(s), " + due.get(0) + " to "
                + due.get(due.size() - 1));
        err.flush();
        return Optional.of(new CohortBatchRun(config, endpoints, jar, err, clock)
                .run(due.get(0), due.get(due.size() - 1), Duration.ofHours(2)));
    }

    /**
     * Starts the checks on a daemon thread of this process. A failed check is one line on {@code err} (the service
     * log) and is tried again at the next one.
     */
    public static ScheduledExecutorService start(
            RideopsConfig config, Supplier<Endpoints> endpoints, Supplier<Path> jar, PrintWriter err) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cohort-schedule");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        runDue(config, endpoints.get(), jar.get(), err, Clock.systemUTC())
                                .ifPresent(r -> err.println("rideops: schedule: cohort batch " + r.state() + ", "
                                        + r.days().size() + " day(s), " + r.rowsWritten() + " rows"));
                    } catch (Exception e) {
                        err.println("rideops: schedule: cohort batch check failed: " + e.getMessage());
                    }
                    err.flush();
                },
                FIRST_CHECK.toSeconds(),
                EVERY.toSeconds(),
                TimeUnit.SECONDS);
        return timer;
    }
}
