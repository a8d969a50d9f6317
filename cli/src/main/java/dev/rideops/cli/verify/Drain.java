package dev.rideops.cli.verify;

import dev.rideops.cli.error.RideopsException;
import dev.rideops.clients.Poll;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.clients.kafka.ConsumerLag;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.contract.JobContract;
import dev.rideops.generator.db.GeneratorLock;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Waits, bounded and with progress, until everything the source holds has reached the mart and the index: no
 * generator writing; the connector has received the WAL up to the position seen at the start (the slot's
 * confirmed position does not move while the source is idle, so this reads what the connector reported as written
 * in {@code pg_stat_replication}); the job's consumer lag 0 on two polls in a row; two more completed checkpoints
 * (the sinks flush on checkpoints; the second covers rows the operators emit on their timers after the first); and
 * the lag still 0 after them. Once the job's source has fetched everything, it asks for those checkpoints rather
 * than waiting for the periodic ones ({@link CheckpointNudge}).
 */
public final class Drain {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final Connection source;
    private final String slot;
    private final FlinkJob flink;
    private final KafkaAccess kafka;
    private final String groupId;
    private final PrintWriter err;
    private String lastShown;
    private long lastPrint;

    Drain(Connection source, String slot, FlinkJob flink, KafkaAccess kafka, String groupId, PrintWriter err) {
        this.source = source;
        this.slot = slot;
        this.flink = flink;
        this.kafka = kafka;
        this.groupId = groupId;
        this.err = err;
    }

    /**
     * How long the database may take to end a generator's session, and with it the lock, after the generator closed
     * its connection: a bench or chaos run verifies right after stopping its own.
     */
    public static final Duration SESSION_END = Duration.ofSeconds(5);

    /** Whether no generator holds the source's lock, or none does any more within {@code grace}. */
    public static boolean generatorGone(Connection source, Duration grace) {
        return Poll.every(Duration.ofMillis(100), grace).until(() -> {
            try {
                return !GeneratorLock.isHeld(source);
            } catch (SQLException e) {
                throw new RideopsException(
                        "could not query the source database: " + e.getMessage(), "check 'rideops status'");
            }
        });
    }

    /** Returns how long draining took. */
    Duration await(Duration timeout) throws SQLException {
        long began = System.nanoTime();
        long deadline = began + timeout.toNanos();
        if (!generatorGone(source, SESSION_END)) {
            throw new RideopsException(
                    "a generator is still writing to the source, so there is nothing stable to " + "verify",
                    "stop it with 'rideops generate stop' (or Ctrl-C), then run verify again");
        }
        String jobId = flink.runningJobId()
                .orElseThrow(() -> new RideopsException(
                        "the Flink job is not running, so the mart cannot catch up", "start it with 'rideops deploy'"));
        String walTarget = string("SELECT pg_current_wal_lsn()::text");
        while (!connectorReceived(walTarget)) {
            progress(deadline, timeout, "CDC connector reading the WAL up to " + walTarget);
        }
        CheckpointNudge nudge = new CheckpointNudge(flink, jobId);
        do {
            awaitNoLag(deadline, timeout, nudge);
            long target = flink.completedCheckpoints(jobId) + 2;
            long done;
            while ((done = flink.completedCheckpoints(jobId)) < target) {
                nudge.askIfDue();
                progress(deadline, timeout, "waiting for checkpoint " + target + " (completed " + done + ")");
            }
        } while (ConsumerLag.total(kafka, groupId) != 0);
        long pending;
        while ((pending = flink.operatorMetricSum(jobId, JobContract.SEARCH_PENDING_METRIC)) > 0) {
            progress(deadline, timeout, "search index catching up: " + pending + " documents pending");
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }

    private void awaitNoLag(long deadline, Duration timeout, CheckpointNudge nudge) {
        int zeroInARow = 0;
        while (zeroInARow < 2) {
            long lag = ConsumerLag.total(kafka, groupId);
            zeroInARow = lag == 0 ? zeroInARow + 1 : 0;
            if (lag != 0) {
                // the committed offsets move on checkpoints only
                nudge.askIfDue();
            }
            progress(
                    deadline,
                    timeout,
                    "job consumer lag " + (lag < 0 ? "unknown (no offsets committed yet)" : lag + " records"));
        }
    }

    private boolean connectorReceived(String walTarget) throws SQLException {
        String slotName = slot.replace("'", "''");
        if (string("SELECT slot_name FROM pg_replication_slots WHERE slot_name = '" + slotName + "'") == null) {
            throw new RideopsException(
                    "the source has no replication slot '" + slot + "', so CDC is not running",
                    "register the connector with 'rideops deploy'");
        }
        String received = string("SELECT CASE WHEN r.write_lsn >= '" + walTarget + "'::pg_lsn THEN 'yes' ELSE 'no' "
                + "END FROM pg_replication_slots s JOIN pg_stat_replication r ON r.pid = s.active_pid "
                + "WHERE s.slot_name = '" + slotName + "'");
        return "yes".equals(received);
    }

    private String string(String sql) throws SQLException {
        try (Statement s = source.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void progress(long deadline, Duration timeout, String state) {
        if (System.nanoTime() > deadline) {
            throw new RideopsException(
                    "the pipeline did not drain in " + timeout.toSeconds() + "s: " + state,
                    "check 'rideops status' and 'rideops logs connect', or give it longer with --drain-timeout");
        }
        // a line when the state changes, else every few seconds
        String shown = state.replaceAll("[0-9]+", "#");
        if (!shown.equals(lastShown) || System.nanoTime() - lastPrint > 5_000_000_000L) {
            err.println("  draining: " + state);
            err.flush();
            lastShown = shown;
            lastPrint = System.nanoTime();
        }
        Poll.sleep(POLL);
    }
}
