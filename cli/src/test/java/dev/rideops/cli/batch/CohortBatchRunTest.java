package dev.rideops.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.cli.config.ConfigLoader;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.StackSpecs;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.os.Executables;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
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
                .containsEntry("--source.url", "jdbc:postgresql://localhost:5432/ride_hailing_db")
                .containsEntry("--reporting.url", "jdbc:postgresql://localhost:5433/reporting_db");
    }

    @Test
    void aClusterThatSeesTheSourceElsewhereGetsThatAddress() {
        Map<String, String> args = pairs(run(Map.of("RIDEOPS_JOB_SOURCE_URL", "jdbc:postgresql://db.internal:5432/x"))
                .programArgs(LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-27")));
        assertThat(args).containsEntry("--source.url", "jdbc:postgresql://db.internal:5432/x");
    }
}
