package dev.rideops.cli.commands;

import java.util.List;
import picocli.CommandLine.Parameters;

/** The SERVICE... parameters of 'start', 'stop' and 'restart'. */
public final class ServiceNamesParameter {

    @Parameters(
            paramLabel = "SERVICE",
            arity = "1..*",
            completionCandidates = ServiceControl.Names.class,
            description = "A service as 'rideops status' names it, or a group: postgres, kafka, flink, monitoring.")
    List<String> services;

    List<String> get() {
        return services;
    }
}
