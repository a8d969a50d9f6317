package dev.rideops.cli.commands;

import dev.rideops.stack.Stack;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "start",
        description = "Start local services and what they need (Connect needs the brokers and the source database; "
                + "a TaskManager the JobManager, the brokers, reporting-db and search), each awaited healthy.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  rideops start connect        # and the brokers and source-db if they are down",
            "  rideops start kafka"
        })
public class StartCommand extends BaseCommand {

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
        err().println("rideops: starting " + String.join(", ", names) + " in "
                + stack.spec().home());
        List<String> started = ServiceControl.start(stack, names, err());
        out().println(
                        started.isEmpty()
                                ? "already running: " + String.join(", ", names)
                                : "started: " + String.join(", ", started));
        return 0;
    }
}
