package dev.rideops.cli.commands;

import dev.rideops.cli.options.DurationConverter;
import dev.rideops.cli.options.JsonMixin;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "chaos",
        description = "Inject a real fault into the running stack (a SIGKILL, a pause, a restart) and report how "
                + "the pipeline recovered.")
public class ChaosCommand extends BaseCommand {

    /** Faults users can name; each is also a data file under scenarios/. */
    static final class Faults implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("kill-broker", "kill-taskmanager", "kill-jobmanager", "restart-connect",
                    "kill-source-db", "kill-search").iterator();
        }
    }

    @Parameters(paramLabel = "FAULT", arity = "0..1", completionCandidates = Faults.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    String fault;

    @Option(names = "--list", description = "Describe the available faults and exit.")
    boolean list;

    @Option(names = "--recover-timeout", paramLabel = "DURATION", defaultValue = "3m",
            converter = DurationConverter.class,
            description = "How long to wait for the pipeline to recover (default ${DEFAULT-VALUE}).")
    Duration recoverTimeout;

    @Mixin
    JsonMixin json;

    @Override
    protected int execute() {
        config();
        throw notBuiltYet("chaos");
    }
}
