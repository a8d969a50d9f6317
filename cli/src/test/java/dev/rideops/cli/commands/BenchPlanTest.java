package dev.rideops.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.cli.bench.BenchMode;
import dev.rideops.cli.bench.BenchRun;
import dev.rideops.cli.bench.Warmup;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.output.Json;
import dev.rideops.scenarios.Volume;
import java.time.Duration;
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

    @Test
    void theModeReadsAsItsFlagInResults() {
        assertThat(Json.mapper().valueToTree(BenchMode.FIND_MAX).asText()).isEqualTo("find-max");
        assertThat(BenchMode.FIXED).hasToString("fixed");
        assertThat(BenchMode.RAMP).hasToString("ramp");
    }
}
