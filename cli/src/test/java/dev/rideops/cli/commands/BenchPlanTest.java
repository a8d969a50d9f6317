package dev.rideops.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.cli.bench.BatchUnderLoad;
import dev.rideops.cli.bench.BenchMode;
import dev.rideops.cli.bench.BenchRun;
import dev.rideops.cli.bench.Warmup;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.output.Json;
import dev.rideops.scenarios.Volume;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** How bench's flags and workload file combine into a plan: the mode, its rates and the volume. */
class BenchPlanTest {

    private static BenchRun.Plan plan(String... args) {
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs(args);
        return bench.plan();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--eps 2000|FIXED|[2000]",
                "--ramp 1000:3000:1000|RAMP|[1000, 2000, 3000]",
                "--ramp 1000:3000:1000 --eps 2000|FIXED|[2000]",
                "--find-max --ramp 1000:3000:1000|FIND_MAX|[1000]",
                "--find-max --eps 4000|FIND_MAX|[4000]",
                "--workload ramp-1k-5k|RAMP|[1000, 2000, 3000, 4000, 5000]",
                "--workload ramp-1k-5k --eps 2000|FIXED|[2000]",
                "--workload smoke|FIXED|[500]",
            })
    void findMaxWinsThenARampUnlessEpsIsGiven(String args, BenchMode mode, String rates) {
        BenchRun.Plan plan = plan(args.split(" "));

        assertThat(plan.mode()).isEqualTo(mode);
        assertThat(plan.rates()).hasToString(rates);
    }

    @Test
    void withoutARateThereIsNoPlan() {
        assertThatThrownBy(() -> plan("--slo", "2s"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("bench needs a rate");
    }

    @Test
    void theVolumeFlagOverridesTheWorkloadsAndAnUnknownOneListsTheChoices() {
        assertThat(plan("--eps", "100").volume()).isEqualTo(Volume.LARGE);
        assertThat(plan("--workload", "smoke").volume()).isEqualTo(Volume.SMALL);
        assertThat(plan("--workload", "smoke", "--volume", "Medium").volume()).isEqualTo(Volume.MEDIUM);
        assertThatThrownBy(() -> plan("--eps", "100", "--volume", "huge"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("unknown volume 'huge'; known: tiny, small, medium, large");
    }

    @Test
    void theWarmUpIsAutomaticUnlessTheFlagOrTheWorkloadFixesIt() {
        assertThat(plan("--eps", "100").warmup()).isEqualTo(new Warmup.UntilSteady(Duration.ofMinutes(5)));
        assertThat(plan("--eps", "100", "--max-warmup", "2m").warmup())
                .isEqualTo(new Warmup.UntilSteady(Duration.ofMinutes(2)));
        assertThat(plan("--eps", "100", "--warmup", "10s").warmup())
                .isEqualTo(new Warmup.Fixed(Duration.ofSeconds(10)));
        assertThat(plan("--workload", "smoke").warmup()).isEqualTo(new Warmup.Fixed(Duration.ofSeconds(5)));
        assertThat(plan("--workload", "sustained-5k").warmup()).isInstanceOf(Warmup.UntilSteady.class);
        assertThat(plan("--workload", "smoke", "--warmup", "0s").warmup()).isEqualTo(new Warmup.Fixed(Duration.ZERO));
    }

    @Test
    void aSearchHasAnSloByDefaultAndAFixedRateOnlyWhenGivenOne() {
        assertThat(plan("--find-max").slo()).isEqualTo(Duration.ofSeconds(1));
        assertThat(plan("--find-max", "--slo", "500ms").slo()).isEqualTo(Duration.ofMillis(500));
        assertThat(plan("--eps", "100").slo()).isNull();
        assertThat(plan("--eps", "100", "--slo", "2s").slo()).isEqualTo(Duration.ofSeconds(2));
    }

    /** Noon on 2026-11-29, UTC: yesterday is the 28th. */
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    private static BenchRun.Plan planOn(Clock clock, String... args) {
        BenchCommand bench = new BenchCommand();
        bench.clock = clock;
        new CommandLine(bench).parseArgs(args);
        return bench.plan();
    }

    @Test
    void theCohortBatchIsYesterdaysWithoutADayAndTheDayGivenOtherwise() {
        assertThat(planOn(NOON, "--eps", "500").batch()).isNull();
        BatchUnderLoad.Plan yesterday =
                planOn(NOON, "--eps", "500", "--batch-cohort").batch();
        assertThat(yesterday.day()).isEqualTo(LocalDate.parse("2026-11-28"));
        assertThat(yesterday.timeout()).as("as 'batch cohort --timeout'").isEqualTo(Duration.ofMinutes(30));
        // a flag after it is not taken for its value
        assertThat(planOn(NOON, "--batch-cohort", "--eps", "500").batch().day())
                .isEqualTo(LocalDate.parse("2026-11-28"));
        BatchUnderLoad.Plan given = planOn(
                        NOON, "--eps", "500", "--batch-cohort", "2026-11-20", "--batch-timeout", "10m")
                .batch();
        assertThat(given.day()).isEqualTo(LocalDate.parse("2026-11-20"));
        assertThat(given.timeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aCohortBatchDayThatIsNotADayOrHasNotEndedIsRefusedInOneLine() {
        assertThatThrownBy(() -> planOn(NOON, "--eps", "500", "--batch-cohort", "28.11.2026"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--batch-cohort '28.11.2026' is not a day");
        assertThatThrownBy(() -> planOn(NOON, "--eps", "500", "--batch-cohort", "2026-11-29"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("2026-11-29 has not ended yet (today is 2026-11-29 UTC)");
        assertThatThrownBy(() -> planOn(NOON, "--eps", "500", "--batch-cohort", "2026-12-01"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("is in the future");
    }

    @Test
    void theCohortBatchNeedsOneRateAWindowAroundItAndItsTimeoutNeedsIt() {
        assertThatThrownBy(() -> planOn(NOON, "--ramp", "1000:2000:1000", "--batch-cohort"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--batch-cohort measures the batch under one rate, not a ramp run");
        assertThatThrownBy(() -> planOn(NOON, "--find-max", "--batch-cohort"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("not a find-max run");
        // a third before the batch and a third after it, each at least one 10 s interval
        assertThatThrownBy(() -> planOn(NOON, "--eps", "500", "--duration", "20s", "--batch-cohort"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--duration 20s is too short to measure around the cohort batch");
        assertThat(planOn(NOON, "--eps", "500", "--duration", "30s", "--batch-cohort")
                        .batch())
                .isNotNull();
        assertThatThrownBy(() -> planOn(NOON, "--eps", "500", "--batch-timeout", "10m"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--batch-timeout is for --batch-cohort");
        assertThatThrownBy(() -> planOn(NOON, "--eps", "500", "--batch-cohort", "--batch-timeout", "0s"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--batch-timeout must be positive");
    }

    @Test
    void aFailedBatchIsOneLineNamingItsErrorAndATimeoutSaysSo() {
        BatchUnderLoad.Result cancelled = new BatchUnderLoad.Result(
                "2026-11-28",
                "CANCELED",
                false,
                "j1",
                "2026-11-29T10:00:00Z",
                "2026-11-29T10:30:00Z",
                1800,
                60,
                1860,
                Map.of(),
                "Flink job j1 CANCELED: the job was canceled",
                List.of(),
                Map.of(),
                List.of());

        String line = BenchCommand.batchFailure(cancelled, Duration.ofMinutes(30));

        assertThat(line)
                .startsWith("rideops: the cohort batch for 2026-11-28 failed: Flink job j1 CANCELED: the job was "
                        + "canceled (not done within --batch-timeout 1800s)")
                .doesNotContain("\n");
    }

    @Test
    void theModeReadsAsItsFlagInResults() {
        assertThat(Json.mapper().valueToTree(BenchMode.FIND_MAX).asText()).isEqualTo("find-max");
        assertThat(BenchMode.FIXED).hasToString("fixed");
        assertThat(BenchMode.RAMP).hasToString("ramp");
    }
}
