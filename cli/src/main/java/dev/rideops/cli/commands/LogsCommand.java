package dev.rideops.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "Show a service's log file.")
public class LogsCommand extends BaseCommand {

    @Parameters(paramLabel = "SERVICE", description = "source-db, reporting-db, kafka-1..3, connect, "
            + "flink-jobmanager, flink-taskmanager-N, search, generator.")
    String service;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "50",
            description = "Print the last N lines first (default ${DEFAULT-VALUE}).")
    int tail;

    @Override
    protected int execute() {
        config();
        throw notBuiltYet("logs");
    }
}
