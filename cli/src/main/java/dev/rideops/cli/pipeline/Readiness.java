package dev.rideops.cli.pipeline;

import dev.rideops.cli.error.RideopsException;
import dev.rideops.clients.Poll;
import dev.rideops.stack.ServiceStatus;
import dev.rideops.stack.Stack;
import dev.rideops.stack.disk.DiskUsage;
import dev.rideops.stack.lifecycle.LoginRefused;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Whether the stack, the whole pipeline or its results are ready: every local service healthy; for the pipeline
 * also the job running with a checkpoint, lag and freshness within the health limits and the connector running
 * ({@link PipelineHealth#look()}); for the results a current row in every mart table and driver documents in the
 * search index ({@link PipelineHealth#resultsNotReady}).
 * {@link #await} polls until it is, for {@code rideops wait} and scripts. A refused login (a service's
 * {@link LoginRefused} problem, the search node refusing the reader) ends it at once: no wait cures a wrong password.
 */
public final class Readiness {

    /** What to wait for. */
    public enum Target {
        STACK,
        PIPELINE,
        RESULTS;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One look: what is not ready yet (empty when all is), and the pipeline's figures when they were read. */
    public record Look(List<String> notReady, PipelineStatus pipeline) {

        public Look {
            notReady = List.copyOf(notReady);
        }

        public boolean ready() {
            return notReady.isEmpty();
        }
    }

    private final Target target;
    private final Supplier<List<ServiceStatus>> services;
    private final Supplier<PipelineStatus> pipeline;
    private final Supplier<List<String>> results;

    /**
     * @param services the local services' states; empty for a stack never started in this home (remote clusters),
     *     whose readiness is the pipeline's alone
     * @param results what keeps the results from being current ({@link PipelineHealth#resultsNotReady}), for
     *     {@link Target#RESULTS}
     */
    public Readiness(
            Target target,
            Supplier<List<ServiceStatus>> services,
            Supplier<PipelineStatus> pipeline,
            Supplier<List<String>> results) {
        this.target = target;
        this.services = services;
        this.pipeline = pipeline;
        this.results = results;
    }

    /**
     * The local services, probed without measuring disks (cheap enough to poll). For the pipeline and the results
     * only when a stack was started in this home: against remote clusters the pipeline's readiness is all there is.
     */
    public static Supplier<List<ServiceStatus>> localServices(Stack stack, Target target) {
        return () ->
                target == Target.STACK || Stack.savedSpec(stack.spec().home()).isPresent()
                        ? stack.status(new DiskUsage(Map.of()))
                        : List.of();
    }

    public Look look() {
        List<String> notReady = new ArrayList<>();
        for (ServiceStatus s : services.get()) {
            if (LoginRefused.is(s.problem())) {
                // waiting cannot help: the service keeps refusing until a setting changes (see its problem)
                throw new RideopsException(s.service() + " " + s.problem(), null);
            }
            if (!s.state().equals(ServiceStatus.HEALTHY)) {
                notReady.add(s.service() + " " + s.state() + (s.problem() == null ? "" : " (" + s.problem() + ")"));
            }
        }
        if (target == Target.PIPELINE && notReady.isEmpty()) {
            PipelineStatus p = pipeline.get();
            if (!p.refusedLogins().isEmpty()) {
                throw new RideopsException(String.join("; ", p.refusedLogins()), null);
            }
            notReady.addAll(p.problems());
            return new Look(notReady, p);
        }
        if (target == Target.RESULTS && notReady.isEmpty()) {
            notReady.addAll(results.get());
        }
        return new Look(notReady, null);
    }

    /**
     * Looks every {@code interval} until ready or {@code timeout}; each look that is not ready goes to
     * {@code progress}. Returns the ready look, or empty with the last look given to {@code progress}.
     */
    public Optional<Look> await(Duration timeout, Duration interval, Consumer<Look> progress) {
        return Poll.every(interval, timeout).until(() -> {
            Look look = look();
            if (look.ready()) {
                return Optional.of(look);
            }
            progress.accept(look);
            return Optional.<Look>empty();
        });
    }
}
