package dev.rideops.cli.commands;

import dev.rideops.cli.options.JsonMixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = "Show each service: state (healthy/running/down), pid, port, uptime, memory.")
public class StatusCommand extends BaseCommand {

    @Mixin
    JsonMixin json;

    @Override
    protected int execute() {
        config();
        throw notBuiltYet("status");
    }
}
