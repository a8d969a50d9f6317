package dev.rideops.cli.bench;

import dev.rideops.generator.model.Change;
import dev.rideops.generator.run.GeneratorRun;
import dev.rideops.generator.run.GeneratorStats;
import java.util.List;

/**
 * Tells each output's tracker when the changes it can show were committed, and when the rate limiter meant them to
 * start: driver status changes, location pings.
 */
final class CommitTimes implements GeneratorRun.Listener {

    private final VisibilityTracker snapshot;
    private final VisibilityTracker search;

    CommitTimes(VisibilityTracker snapshot, VisibilityTracker search) {
        this.snapshot = snapshot;
        this.search = search;
    }

    @Override
    public void started(GeneratorStats stats) {}

    @Override
    public void progress(GeneratorStats stats) {}

    @Override
    public void warning(String message) {}

    @Override
    public void committed(List<Change> changes, long dueAtNanos, long committedAtNanos) {
        long driver = Long.MIN_VALUE;
        long ping = Long.MIN_VALUE;
        for (Change c : changes) {
            if (c instanceof Change.DriverStatusUpdate d) {
                driver = Math.max(driver, ChangeEventTime.micros(d.updatedAt()));
            } else if (c instanceof Change.LocationEvent l) {
                ping = Math.max(ping, ChangeEventTime.micros(l.recordedAt()));
            }
        }
        if (driver != Long.MIN_VALUE) {
            snapshot.committed(driver, dueAtNanos, committedAtNanos);
        }
        if (ping != Long.MIN_VALUE) {
            search.committed(ping, dueAtNanos, committedAtNanos);
        }
    }
}
