package dev.rideops.cli.commands;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "deploy",
        description = "Apply schemas, create topics and the CDC connector, create search indexes, and run (or "
                + "redeploy with a savepoint) the Flink job, against the endpoints in config.")
public class DeployCommand extends BaseCommand {

    public enum Offsets { EARLIEST, LATEST;
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Part { JOB, CONNECTOR, INDEXES, SCHEMA;
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Option(names = "--offsets", paramLabel = "earliest|latest",
            description = "Where a fresh job starts reading CDC topics: ${COMPLETION-CANDIDATES} "
                    + "(earliest reprocesses the whole CDC log).")
    Offsets offsets;

    @Option(names = "--only", paramLabel = "PART", split = ",",
            description = "Deploy only these parts: ${COMPLETION-CANDIDATES}.")
    Part[] only;

    @Option(names = "--dry-run", description = "Print what would be done, change nothing.")
    boolean dryRun;

    @Option(names = "--jar", paramLabel = "FILE", description = "Job jar to deploy (default: the one the build made).")
    Path jar;

    @Override
    protected int execute() {
        config();
        throw notBuiltYet("deploy");
    }
}
