package dev.rideops.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "down", description = "Stop every service of the local stack, newest first: gracefully, then by force.")
public class DownCommand extends BaseCommand {

    @Option(names = "--purge", description = "Also delete all data, logs and state under $RIDEOPS_HOME.")
    boolean purge;

    @Override
    protected int execute() {
        config();
        throw notBuiltYet("down");
    }
}
