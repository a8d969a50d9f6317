package dev.rideops.cli.commands;

import dev.rideops.stack.Stack;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "restart",
        description = "Stop local services and start them again (with what they need), each awaited healthy. A "
                + "restarted JobManager gets the job back from the savepoint taken as it stopped. Services that "
                + "need them ride through the gap as through a crash: they retry.",
        footerHeading = "%nExamples:%n",
        footer = {"  rideops restart connect", "  rideops restart flink        # the job resumes from a savepoint"})
public class RestartCommand extends BaseCommand {

    @Mixin
    ServiceNamesParameter services;

    @Override
    protected boolean changesStack() {
        return true;
    }

    @Override
    protected int execute() {
        Stack stack = Stacks.forServiceControl(config());
        List<String> names = ServiceControl.resolve(stack, services.get());
        ServiceControl.refuseToStartTheGenerator(names);
        err().println("rideops: restarting " + String.join(", ", names) + " in "
                + stack.spec().home());
        boolean jobSaved = ServiceControl.stop(stack, names, err());
        ServiceControl.start(stack, names, err());
        if (jobSaved) {
            ServiceControl.resumeJob(stack, config(), err());
        }
        out().println("restarted: " + String.join(", ", names)
                + (jobSaved ? "; the job resumed from its savepoint" : ""));
        return 0;
    }
}
