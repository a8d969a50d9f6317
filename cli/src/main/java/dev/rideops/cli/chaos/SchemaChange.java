package dev.rideops.cli.chaos;

import dev.rideops.cli.config.Databases;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.output.ChangedLines;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.Poll;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.clients.kafka.ConsumerLag;
import dev.rideops.clients.kafka.DeadLetters;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.contract.JobContract;
import dev.rideops.scenarios.FaultScenario;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /**
     * The migration applied and left live, maybe reverted: {@code deadLettersBefore} the topic's count before it
     * (-1 unknown), {@code revertedAtMs} when the new schema stopped being written (epoch ms).
     */
    record Applied(FaultScenario fault, long deadLettersBefore, long revertedAtMs, boolean reverted) {}

    /**
     * How long after the revert the job must have consumed before the fault's rows count as read: the connector
     * sends a change a moment after its commit, and the Kafka timestamp is the send.
     */
    static final Duration SEND_MARGIN = Duration.ofSeconds(5);

    Applied apply(FaultScenario fault, Duration liveFor, Endpoints endpoints) {
        long deadLettersBefore = DeadLetters.count(endpoints.kafka(config), JobContract.DEAD_LETTER_TOPIC);
        execute(fault, fault.apply(), "apply");
        err.printf(Locale.ROOT, "rideops: %s: applied %s%n", fault.name(), String.join("; ", fault.apply()));
        err.flush();
        boolean reverted = false;
        try {
            ChaosRun.waitOut(
                    err, "schema", "new schema live", liveFor, fault.revert().isEmpty() ? "kept for good" : "reverted");
        } finally {
            if (!fault.revert().isEmpty()) {
                execute(fault, fault.revert(), "revert");
                reverted = true;
                err.printf(Locale.ROOT, "  schema             reverted (%s)%n", String.join("; ", fault.revert()));
                err.flush();
            }
        }
        return new Applied(fault, deadLettersBefore, System.currentTimeMillis(), reverted);
    }

    /**
     * Judges the pipeline once the job has read every change written while the new schema was live: a job that lags
     * (the fault's load, a checkpoint) has not dead-lettered them yet, and counting then would read as keeping going.
     * Read means the group committed past every record sent up to {@link #SEND_MARGIN} after the revert, the
     * dead-letter sink having flushed on that checkpoint; when that is not seen within {@code timeout} the count
     * is unknown, which does not meet any expectation.
     */
    SchemaOutcome judge(
            Applied applied, FlinkJob flink, String jobId, long hitMs, Endpoints endpoints, Duration timeout) {
        KafkaAccess kafka = endpoints.kafka(config);
        long readUpTo = applied.revertedAtMs() + SEND_MARGIN.toMillis();
        ChangedLines progress = new ChangedLines(err);
        boolean read = Poll.every(Duration.ofSeconds(1), timeout)
                .until(() -> {
                    long now = System.currentTimeMillis();
                    if (now >= readUpTo && consumedUpTo(kafka, readUpTo, now)) {
                        return Optional.of(true);
                    }
                    progress.print("  schema             waiting for the job to read the changes made meanwhile");
                    return Optional.<Boolean>empty();
                })
                .isPresent();
        boolean running = jobStillRuns(flink, jobId);
        boolean failedOver = running && flink.lastRestartMs(jobId) >= hitMs;
        long after = DeadLetters.count(kafka, JobContract.DEAD_LETTER_TOPIC);
        long deadLettered =
                !read || applied.deadLettersBefore() < 0 || after < 0 ? -1 : after - applied.deadLettersBefore();
        SchemaOutcome outcome =
                SchemaOutcome.judge(applied.fault().expect(), running, failedOver, deadLettered, applied.reverted());
        err.println("  schema             " + outcome.describe());
        err.flush();
        return outcome;
    }

    /**
     * Whether, on every topic the job reads, nothing sent at or before {@code upToMs} waits: no lag, or the oldest
     * waiting record sent after it (a partition's records are in send order).
     */
    private static boolean consumedUpTo(KafkaAccess kafka, long upToMs, long nowMs) {
        Map<String, ConsumerLag.TopicLag> lag =
                ConsumerLag.withAge(kafka, JobContract.GROUP_ID, Instant.ofEpochMilli(nowMs));
        return !lag.isEmpty()
                && lag.values().stream()
                        .allMatch(l -> l.records() == 0
                                || (l.seconds() != null && nowMs - (long) (l.seconds() * 1000) > upToMs));
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
