package dev.rideops.cli.commands;

import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.ExitCodes;
import dev.rideops.cli.options.DurationConverter;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.pipeline.PipelineHealth;
import dev.rideops.cli.pipeline.Readiness;
import dev.rideops.stack.Stack;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "wait",
        description = "Block until the local stack is healthy (every service's protocol answers); with --for "
                + "pipeline until the job also runs with a checkpoint, its lag and freshness are within "
                + "health.max-lag-records and health.max-freshness-seconds and the CDC connector runs; with --for "
                + "results until every mart table (latest_metric_snapshot, fact_metric_bucket, cell_supply_demand) "
                + "holds a result at most health.max-freshness-seconds old and the search index has driver "
                + "documents. Exits 0 when ready, 1 on timeout naming what is not.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  rideops up --no-generate && rideops wait --timeout 2m",
            "  rideops wait --for pipeline --timeout 10m && rideops verify",
            "  rideops generate --detach && rideops wait --for results --timeout 3m"
        })
public class WaitCommand extends BaseCommand {

    @Option(
            names = "--for",
            paramLabel = "WHAT",
            defaultValue = "stack",
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Readiness.Target target;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "Give up after this long (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            defaultValue = "2s",
            converter = DurationConverter.class,
            description = "Look again this often (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Mixin
    JsonMixin json;

    @Override
    protected int execute() {
        Stack stack = Stacks.current(config());
        PipelineHealth health = new PipelineHealth(config(), Endpoints.from(config(), stack.spec()), err());
        long maxAge = config().intValue(Setting.HEALTH_MAX_FRESHNESS_SECONDS);
        Readiness readiness = new Readiness(
                target, Readiness.localServices(stack, target), health::look, () -> health.resultsNotReady(maxAge));
        long began = System.nanoTime();
        AtomicReference<Readiness.Look> last = new AtomicReference<>();
        err().println("rideops: waiting up to " + timeout.toSeconds() + "s for the " + target + " to be ready");
        err().flush();
        Optional<Readiness.Look> ready = readiness.await(timeout, interval, look -> {
            Readiness.Look before = last.getAndSet(look);
            if (before == null || !before.notReady().equals(look.notReady())) {
                err().printf("  %3ds  not ready: %s%n", elapsedSeconds(began), String.join("; ", look.notReady()));
                err().flush();
            }
        });
        long waited = elapsedSeconds(began);
        List<String> notReady = ready.map(Readiness.Look::notReady)
                .orElseGet(() ->
                        last.get() == null ? List.of("no answer") : last.get().notReady());
        if (json.enabled()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("for", target.toString());
            report.put("ready", ready.isPresent());
            report.put("waited_seconds", waited);
            report.put("not_ready", notReady);
            Json.print(out(), report);
        } else if (ready.isPresent()) {
            out().println("the " + target + " is ready (waited " + waited + "s)");
            out().flush();
        }
        if (ready.isEmpty()) {
            err().println("rideops: the " + target + " is not ready after " + timeout.toSeconds() + "s: "
                    + String.join("; ", notReady) + "; see 'rideops status' and 'rideops logs SERVICE'");
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    private static long elapsedSeconds(long began) {
        return Duration.ofNanos(System.nanoTime() - began).toSeconds();
    }
}
