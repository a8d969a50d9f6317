package dev.rideops.job.sinks;

import java.io.Serializable;

/**
 * How the search sink batches, retries and buffers.
 *
 * @param maxBatch pings per bulk request at most
 * @param flushMs how often buffered pings are sent
 * @param latestFlushMs how long each driver's newest position is coalesced before it is sent
 * @param maxBackoffMs the longest wait between two tries while the search node fails or is unreachable
 * @param maxPending pings a writer holds for the search node at most; later ones go to the dead-letter topic
 * @param timeseriesRetentionDays days of daily time-series indexes kept before the newest ping's; 0 keeps every day
 */
public record SearchSinkOptions(
        int maxBatch, long flushMs, long latestFlushMs, long maxBackoffMs, int maxPending, int timeseriesRetentionDays)
        implements Serializable {

    public SearchSinkOptions {
        if (maxBatch < 1 || flushMs < 1 || latestFlushMs < 1 || maxBackoffMs < 1 || maxPending < 1) {
            throw new IllegalArgumentException(String.format(
                    "search sink options must all be at least 1: batch %d, flush %d ms, latest flush %d ms, "
                            + "max backoff %d ms, max pending %d",
                    maxBatch, flushMs, latestFlushMs, maxBackoffMs, maxPending));
        }
    }
}
