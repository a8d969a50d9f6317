package dev.rideops.cli.commands;

import dev.rideops.cli.error.RideopsException;
import dev.rideops.stack.Stack;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "stop",
        description = "Stop local services, gracefully then by force. A service that running ones need is stopped "
                + "only with --force; the JobManager stops the job with a savepoint first.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  rideops stop search",
            "  rideops stop kafka --force    # Connect and the TaskManagers keep running and retry until it is back"
        })
public class StopCommand extends BaseCommand {

    @Mixin
    ServiceNamesParameter services;

    @Option(names = "--force", description = "Stop it even though running services need it; they keep running.")
    boolean force;

    @Override
    protected boolean changesStack() {
        return true;
    }

    @Override
    protected int execute() {
        Stack stack = Stacks.current(config());
        List<String> names = ServiceControl.resolve(stack, services.get());
        List<String> dependents =
                ServiceControl.running(stack, stack.dependencies().dependentsOf(names));
        if (!dependents.isEmpty() && !force) {
            throw new RideopsException(
                    String.join(", ", names) + (names.size() == 1 ? " is" : " are") + " needed by running "
                            + String.join(", ", dependents),
                    "stop those first, or add --force to stop it anyway (they keep running and fail or retry until "
                            + "'rideops start' brings it back)");
        }
        err().println("rideops: stopping " + String.join(", ", names) + " in "
                + stack.spec().home());
        boolean jobSaved = ServiceControl.stop(stack, names, err());
        out().println("stopped: " + String.join(", ", names));
        if (!dependents.isEmpty()) {
            out().println("still running without it: " + String.join(", ", dependents) + "; 'rideops start "
                    + String.join(" ", services.get()) + "' brings it back");
        }
        if (jobSaved) {
            out().println("the job was stopped with a savepoint; 'rideops deploy' resumes it once Flink runs again");
        }
        return 0;
    }
}
