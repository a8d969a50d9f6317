package dev.rideops.cli.chaos;

import dev.rideops.cli.config.Databases;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.clients.kafka.DeadLetters;
import dev.rideops.contract.JobContract;
import dev.rideops.scenarios.FaultScenario;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A schema fault: runs its migration on the live source (the generator keeps writing), leaves it in place for the
 * fault's time, judges what the pipeline did against what the fault expects, and reverts it when the fault says so.
 */
final class SchemaChange {

    /** DDL waits for the generator's row locks; it must not wait forever, nor hold the writers behind it for long. */
    private static final String LOCK_TIMEOUT = "SET lock_timeout = '20s'";

    private final RideopsConfig config;
    private final PrintWriter err;

    SchemaChange(RideopsConfig config, PrintWriter err) {
        this.config = config;
        this.err = err;
    }

    SchemaOutcome run(
            FaultScenario fault, Duration liveFor, FlinkJob flink, String jobId, long hitMs, Endpoints endpoints) {
        long deadLettersBefore = DeadLetters.count(endpoints.kafka(config), JobContract.DEAD_LETTER_TOPIC);
        execute(fault, fault.apply(), "apply");
        err.printf(Locale.ROOT, "rideops: %s: applied %s%n", fault.name(), String.join("; ", fault.apply()));
        err.flush();
        boolean reverted = false;
        try {
            ChaosRun.sleepWithProgress(err, liveFor, "new schema live, judging the pipeline");
        } finally {
            if (!fault.revert().isEmpty()) {
                execute(fault, fault.revert(), "revert");
                reverted = true;
                err.printf(Locale.ROOT, "  schema             reverted (%s)%n", String.join("; ", fault.revert()));
                err.flush();
            }
        }
        boolean running = jobStillRuns(flink, jobId);
        boolean failedOver = running && flink.lastRestartMs(jobId) >= hitMs;
        long after = DeadLetters.count(endpoints.kafka(config), JobContract.DEAD_LETTER_TOPIC);
        long deadLettered = deadLettersBefore < 0 || after < 0 ? -1 : after - deadLettersBefore;
        SchemaOutcome outcome = SchemaOutcome.judge(fault.expect(), running, failedOver, deadLettered, reverted);
        err.println("  schema             " + outcome.describe());
        err.flush();
        return outcome;
    }

    private static boolean jobStillRuns(FlinkJob flink, String jobId) {
        try {
            Optional<String> running = flink.runningJobId();
            return running.isPresent() && running.get().equals(jobId);
        } catch (ClientException e) {
            return false;
        }
    }

    /**
     * The whole list in one transaction, as a migration tool runs one migration (PostgreSQL's DDL is
     * transactional): a writer never sees a half-done change, such as a column renamed before its stand-in exists. Run
     * as the schema's owner (the admin), as a migration would: the generator's role keeps writing rows and may not run
     * DDL.
     */
    private void execute(FaultScenario fault, List<String> sql, String what) {
        try (Connection source = Databases.sourceAsAdmin(config);
                Statement st = source.createStatement()) {
            source.setAutoCommit(false);
            st.execute(LOCK_TIMEOUT);
            try {
                for (String statement : sql) {
                    st.execute(statement);
                }
                source.commit();
            } catch (SQLException e) {
                source.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new RideopsException(
                    fault.name() + ": could not " + what + " the schema change on the source: " + e.getMessage(),
                    "check the fault's SQL against the source schema"
                            + (what.equals("revert") ? "; undo it by hand: " + String.join("; ", fault.revert()) : ""));
        }
    }
}
