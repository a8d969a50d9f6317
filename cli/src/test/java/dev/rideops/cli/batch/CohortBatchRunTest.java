package dev.rideops.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.cli.config.ConfigLoader;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.StackSpecs;
import dev.rideops.cli.error.UsageException;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.os.Executables;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohortBatchRunTest {

    @TempDir
    Path dir;

    private CohortBatchRun run(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("RIDEOPS_HOME", dir.resolve("home").toString());
        RideopsConfig config = new ConfigLoader(all, dir, dir.resolve("user")).load(Optional.empty(), List.of());
        StackSpec local =
                StackSpecs.from(config, new RuntimeLayout(dir.resolve("dist")), () -> 0, 2, new Executables(""));
        return new CohortBatchRun(
                config,
                Endpoints.from(config, local),
                dir.resolve("job.jar"),
                new PrintWriter(new StringWriter()),
                Clock.systemUTC());
    }

    private static Map<String, String> pairs(List<String> args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.size(); i += 2) {
            m.put(args.get(i), args.get(i + 1));
        }
        return m;
    }

    @Test
    void theJobGetsTheRangeTheRulesAndBothDatabasesAsRideopsSeesThem() {
        Map<String, String> args = pairs(run(Map.of("RIDEOPS_BATCH_CHURN_DAYS", "3"))
                .programArgs(LocalDate.parse("2026-11-14"), LocalDate.parse("2026-11-27")));
        assertThat(args)
                .containsEntry("--from", "2026-11-14")
                .containsEntry("--to", "2026-11-27")
                .containsEntry("--churn-days", "3")
                .containsEntry("--max-day-offset", "30")
                .containsEntry("--online-gap-seconds", "300")
                .containsEntry("--retention-days", "400")
                .containsEntry("--source.url", "jdbc:postgresql://localhost:5432/ride_hailing_db")
                .containsEntry("--reporting.url", "jdbc:postgresql://localhost:5433/reporting_db");
    }

    @Test
    void aClusterThatSeesTheSourceElsewhereGetsThatAddress() {
        Map<String, String> args = pairs(run(Map.of("RIDEOPS_JOB_SOURCE_URL", "jdbc:postgresql://db.internal:5432/x"))
                .programArgs(LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-27")));
        assertThat(args).containsEntry("--source.url", "jdbc:postgresql://db.internal:5432/x");
    }

    @Test
    void noPasswordIsAProgramArgumentTheJobReadsTheSourceAsTheReaderAndTheMartAsItsWriter() {
        List<String> args = run(Map.of(
                        "RIDEOPS_READER_PASSWORD", "reader-s3cret",
                        "RIDEOPS_REPORTING_PASSWORD", "mart-s3cret",
                        "RIDEOPS_SOURCE_PASSWORD", "writer-s3cret"))
                .programArgs(LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-27"));
        assertThat(String.join(" ", args))
                .doesNotContain("s3cret")
                .doesNotContain("--source.password ")
                .doesNotContain("--reporting.password ");
        assertThat(pairs(args))
                .containsEntry("--source.user", "rideops_reader")
                .containsEntry("--reporting.user", "rideops_mart")
                .doesNotContainKeys("--source.password-file", "--reporting.password-file");
    }

    @Test
    void aRemoteClusterGetsThePasswordFilesOnItsTaskManagers() {
        Map<String, String> args = pairs(run(Map.of(
                        "RIDEOPS_JOB_SOURCE_PASSWORD_FILE", "/run/secrets/reader",
                        "RIDEOPS_JOB_REPORTING_PASSWORD_FILE", "/run/secrets/mart"))
                .programArgs(LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-27")));
        assertThat(args)
                .containsEntry("--source.password-file", "/run/secrets/reader")
                .containsEntry("--reporting.password-file", "/run/secrets/mart");
    }

    @Test
    void aCohortRetentionThatWouldDeleteWhatTheBatchStillWritesOrOwesIsRefusedInOneLine() {
        assertThat(pairs(run(Map.of("RIDEOPS_MART_RETENTION_COHORT_DAYS", "0"))
                        .programArgs(LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-27"))))
                .as("0 keeps every day")
                .containsEntry("--retention-days", "0");
        assertThat(pairs(run(Map.of("RIDEOPS_MART_RETENTION_COHORT_DAYS", "31"))
                        .programArgs(LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-27"))))
                .containsEntry("--retention-days", "31");

        assertThatThrownBy(() -> run(Map.of("RIDEOPS_MART_RETENTION_COHORT_DAYS", "30"))
                        .run(LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-27"), Duration.ofSeconds(1)))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("mart.retention.cohort-days is 30 (from env RIDEOPS_MART_RETENTION_COHORT_DAYS)")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> run(Map.of(
                                "RIDEOPS_MART_RETENTION_COHORT_DAYS", "40", "RIDEOPS_BATCH_CATCH_UP_DAYS", "60"))
                        .programArgs(LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-27")))
                .as("the schedule would run the deleted days again")
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("fewer than the 61 days");
        assertThatThrownBy(() -> run(Map.of("RIDEOPS_MART_RETENTION_COHORT_DAYS", "31"))
                        .run(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-27"), Duration.ofSeconds(1)))
                .as("a backfill whose last day would delete its first")
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--from 2026-10-01 is more than mart.retention.cohort-days (31) days before")
                .extracting(e -> ((UsageException) e).oneLine())
                .asString()
                .contains("start at 2026-10-27 or later");
    }

    private static BatchRun row(String day, String state, String job) {
        return new BatchRun(LocalDate.parse(day), state, job, null, null, 7, 30, 300, null, null);
    }

    @Test
    void progressCountsOnlyTheDaysThisJobFinishedNotThoseAnEarlierRunLeftDone() {
        List<BatchRun> runs = List.of(
                row("2026-11-27", BatchRun.DONE, "job-a"),
                row("2026-11-28", BatchRun.DONE, "job-b"),
                row("2026-11-29", BatchRun.RUNNING, "job-b"));
        assertThat(CohortBatchRun.doneBy(runs, "job-b")).isEqualTo(1);
        assertThat(CohortBatchRun.doneBy(runs, "job-c")).isZero();
    }

    @Test
    void aDayThisJobDidNotFinishIsFailedWithTheJobsEnd() {
        List<BatchRun> out = CohortBatchRun.outcome(
                List.of(LocalDate.parse("2026-11-25"), LocalDate.parse("2026-11-26"), LocalDate.parse("2026-11-27")),
                List.of(
                        row("2026-11-25", BatchRun.DONE, "job-b"),
                        row("2026-11-26", BatchRun.RUNNING, "job-b"),
                        row("2026-11-27", BatchRun.DONE, "job-a")),
                "job-b",
                "Flink job job-b FAILED: boom");
        assertThat(out)
                .extracting(r -> r.day() + " " + r.state() + " " + r.error())
                .containsExactly(
                        "2026-11-27 FAILED Flink job job-b FAILED: boom",
                        "2026-11-26 FAILED Flink job job-b FAILED: boom",
                        "2026-11-25 DONE null");
    }

    @Test
    void aRunningDayWhoseFlinkJobEndedShowsAsFailedAndALiveOrUnknownOneStaysRunning() {
        Map<String, Optional<String>> states =
                Map.of("dead", Optional.of("CANCELED"), "alive", Optional.of("RUNNING"), "gone", Optional.empty());
        List<BatchRun> out = BatchRuns.withJobStates(
                List.of(
                        row("2026-11-27", BatchRun.RUNNING, "dead"),
                        row("2026-11-26", BatchRun.RUNNING, "alive"),
                        row("2026-11-25", BatchRun.RUNNING, "gone"),
                        row("2026-11-24", BatchRun.DONE, "dead")),
                states::get);
        assertThat(out).extracting(BatchRun::state).containsExactly("FAILED", "RUNNING", "RUNNING", "DONE");
        assertThat(out.get(0).error()).contains("dead").contains("CANCELED");
    }
}
