package dev.rideops.cli.commands;

import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.pipeline.DeployRequest;
import dev.rideops.cli.pipeline.PipelineDeployment;
import dev.rideops.stack.ServiceDependencies;
import dev.rideops.stack.Stack;
import dev.rideops.stack.lifecycle.Service;
import dev.rideops.stack.lifecycle.ServiceFailedException;
import dev.rideops.stack.services.GeneratorService;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** What {@code start}, {@code stop} and {@code restart} share: the names they take and the stack calls. */
final class ServiceControl {

    private ServiceControl() {}

    /** Service names as {@code status} shows them (up to three brokers and two TaskManagers), then the groups. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Stream.concat(
                            Stream.of(
                                    Stack.SOURCE_DB,
                                    Stack.REPORTING_DB,
                                    "kafka-1",
                                    "kafka-2",
                                    "kafka-3",
                                    "search",
                                    "connect",
                                    "flink-jobmanager",
                                    "flink-taskmanager-1",
                                    "flink-taskmanager-2",
                                    "prometheus",
                                    "alertmanager"),
                            ServiceDependencies.GROUPS.keySet().stream())
                    .iterator();
        }
    }

    /** The user's names (services or groups) as this stack's services, in start order; a usage error if unknown. */
    static List<String> resolve(Stack stack, List<String> names) {
        try {
            return stack.dependencies().resolve(names);
        } catch (IllegalArgumentException e) {
            List<String> known =
                    new ArrayList<>(stack.services().stream().map(Service::name).toList());
            known.addAll(ServiceDependencies.GROUPS.keySet());
            throw new UsageException(
                    "no service or group named '" + e.getMessage() + "' in the stack in "
                            + stack.spec().home(),
                    "choose from " + String.join(", ", known) + " ('rideops status' lists the services)");
        }
    }

    /** Those of the services that run now. */
    static List<String> running(Stack stack, List<String> services) {
        return services.stream()
                .filter(name -> stack.service(name).flatMap(Service::process).isPresent())
                .toList();
    }

    /** Starts the services and what they need; a service that fails to start names its log. */
    static List<String> start(Stack stack, List<String> services, PrintWriter err) {
        refuseToStartTheGenerator(services);
        try {
            return stack.start(services, new ProgressLines(err));
        } catch (ServiceFailedException e) {
            err.println("rideops: last lines of " + e.log() + ":");
            e.logTail().forEach(line -> err.println("    " + line));
            throw new RideopsException(
                    e.getMessage() + "; stopped what this run had started",
                    "see 'rideops logs " + e.service() + "', fix the cause and run this command again",
                    e);
        }
    }

    /** Checked before anything stops, so a restart never leaves the generator stopped. */
    static void refuseToStartTheGenerator(List<String> services) {
        if (services.contains(GeneratorService.NAME)) {
            throw new UsageException(
                    "the generator is not started by this command: it needs its workload",
                    "use 'rideops generate --detach' (or 'rideops up'); 'rideops stop generator' stops it");
        }
    }

    /**
     * Stops the services; when the JobManager is among them, the running job first stops with a savepoint (as
     * {@code down} does), since the cluster keeps no jobs across a restart. Returns whether that happened.
     */
    static boolean stop(Stack stack, List<String> services, PrintWriter err) {
        boolean jobSaved = services.contains("flink-jobmanager") && DownCommand.saveJobState(stack, err);
        stack.stop(services, new ProgressLines(err));
        return jobSaved;
    }

    /** Resubmits the job from the savepoint {@link #stop} took, on the restarted JobManager. */
    static void resumeJob(Stack stack, RideopsConfig config, PrintWriter err) {
        err.println("rideops: resuming the job from its savepoint");
        new PipelineDeployment(config, stack.spec(), err)
                .run(DeployRequest.resume(EnumSet.of(PipelineDeployment.Step.JOB), PipelineDeployment.builtJobJar()));
    }
}
