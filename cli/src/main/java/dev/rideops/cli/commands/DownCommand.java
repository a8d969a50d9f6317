package dev.rideops.cli.commands;

import dev.rideops.clients.ClientException;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.stack.RestorePoints;
import dev.rideops.stack.Stack;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "down", description = "Stop every service of the local stack, newest first: gracefully, then by force.")
public class DownCommand extends BaseCommand {

    @Option(names = "--purge", description = "Also delete all data, logs and state under $RIDEOPS_HOME.")
    boolean purge;

    @Override
    protected boolean changesStack() {
        return true;
    }

    @Override
    protected int execute() {
        Stack stack = Stacks.current(config());
        err().println("rideops: stopping the stack in " + stack.spec().home());
        if (!purge) {
            saveJobState(stack, err());
        }
        stack.down(new ProgressLines(err()), purge);
        out().println(
                        purge
                                ? "stack stopped; data, logs and state deleted"
                                : "stack stopped; data kept " + "(rideops down --purge deletes it)");
        return 0;
    }

    /**
     * Stops the running job with a savepoint, so the next 'up' (or 'deploy') resumes its KPI state instead of
     * rebuilding it. Returns whether a job was stopped that way.
     */
    static boolean saveJobState(Stack stack, java.io.PrintWriter err) {
        boolean flinkUp =
                stack.service("flink-jobmanager").flatMap(s -> s.process()).isPresent();
        if (!flinkUp) {
            return false;
        }
        try {
            // the local cluster itself, with the certificates its JobManager was started with
            FlinkJob flink = new FlinkJob(
                    "https://127.0.0.1:" + stack.spec().flink().port(),
                    stack.flinkRestCertificates().clientTls());
            Optional<String> job = flink.runningJobId();
            if (job.isPresent()) {
                String savepoint = flink.stopWithSavepoint(job.get(), java.time.Duration.ofSeconds(120));
                new RestorePoints(stack.spec().home()).rememberSavepoint(savepoint);
                err.println("  job stopped with a savepoint: " + savepoint);
                return true;
            }
            return false;
        } catch (ClientException | java.io.IOException e) {
            err.println("rideops: could not take a savepoint (" + e.getMessage() + "); the next 'up' resumes from "
                    + "the last checkpoint");
            return false;
        }
    }
}
