package dev.rideops.cli.commands;

import dev.rideops.stack.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "down", description = "Stop every service of the local stack, newest first: gracefully, then by force.")
public class DownCommand extends BaseCommand {

    @Option(names = "--purge", description = "Also delete all data, logs and state under $RIDEOPS_HOME.")
    boolean purge;

    @Override
    protected int execute() {
        Stack stack = Stacks.current(config());
        err().println("rideops: stopping the stack in " + stack.spec().home());
        stack.down(new ProgressLines(err()), purge);
        out().println(purge ? "stack stopped; data, logs and state deleted" : "stack stopped; data kept "
                + "(rideops down --purge deletes it)");
        return 0;
    }
}
