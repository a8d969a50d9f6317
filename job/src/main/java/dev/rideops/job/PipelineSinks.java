package dev.rideops.job;

import dev.rideops.job.cdc.DeadLetter;
import dev.rideops.job.kpi.CellRow;
import dev.rideops.job.kpi.LocationDoc;
import dev.rideops.job.kpi.MetricRow;
import dev.rideops.job.kpi.SnapshotMinute;
import dev.rideops.job.kpi.SnapshotRow;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the job's results go: the mart tables (with the current-state counts per minute in {@code snapshotMinutes}),
 * the search index and the dead-letter topic.
 */
public record PipelineSinks(
        Sink<MetricRow> facts,
        Sink<SnapshotRow> snapshots,
        Sink<SnapshotMinute> snapshotMinutes,
        Sink<CellRow> cells,
        Sink<LocationDoc> search,
        Sink<DeadLetter> deadLetters) {}
