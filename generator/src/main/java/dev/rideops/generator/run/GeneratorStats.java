package dev.rideops.generator.run;

import dev.rideops.generator.model.Change;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of a run, updated by the writer after each commit and read by the progress reporter. */
public final class GeneratorStats {

    private final Map<String, LongAdder> rowsByTable = new ConcurrentHashMap<>();
    private final LongAdder committed = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder commitNanos = new LongAdder();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicInteger inflight = new AtomicInteger();
    private volatile long startNanos = System.nanoTime();
    private volatile long committedAtClock;
    private volatile boolean loadBegun;
    /** Rows committed when the load began; -1 before (a run stopped during its sign-ups never gets there). */
    private volatile long committedAtLoad = -1;

    private volatile double meanPingIntervalSeconds;
    private volatile int onlineDrivers;

    void committed(List<Change> batch, long writeNanos) {
        commits.increment();
        commitNanos.add(writeNanos);
        for (Change c : batch) {
            rowsByTable.computeIfAbsent(c.table(), t -> new LongAdder()).increment();
        }
        committed.add(batch.size());
    }

    /**
     * Restarts the clock: the rate counts from the first write, not from reading and planning, and (called again once
     * the city's sign-ups are written) not from writing the city's people either.
     */
    void startClock() {
        startNanos = System.nanoTime();
        committedAtClock = committed.sum();
    }

    /** The city's sign-ups are written: the rate counts from here on. */
    void beginLoad() {
        startClock();
        committedAtLoad = committed.sum();
        loadBegun = true;
    }

    /**
     * Rows committed before the rated load began: the city's sign-ups and status fixes as far as they were written,
     * all of them, or those in before a stop cut them short (what a stop drops was planned, never written).
     */
    public long setupRows() {
        long atLoad = committedAtLoad;
        return atLoad < 0 ? committed.sum() : atLoad;
    }

    /** True once the city's sign-ups are written and the rated load runs. */
    public boolean loadBegun() {
        return loadBegun;
    }

    /** Changes committed since the clock last started: what the run's rate is over. */
    public long committedSinceClock() {
        return committed.sum() - committedAtClock;
    }

    void error() {
        errors.incrementAndGet();
    }

    void reconnect() {
        reconnects.incrementAndGet();
    }

    void inflight(int value) {
        inflight.set(value);
    }

    void city(double pingIntervalSeconds, int online) {
        meanPingIntervalSeconds = pingIntervalSeconds;
        onlineDrivers = online;
    }

    /** Mean seconds between two pings of one online driver in event time, over the run so far. */
    public double meanPingIntervalSeconds() {
        return meanPingIntervalSeconds;
    }

    public int onlineDrivers() {
        return onlineDrivers;
    }

    public long committed() {
        return committed.sum();
    }

    public long commits() {
        return commits.sum();
    }

    /** Mean time to write and commit one batch, database round trips included. */
    public double meanCommitMs() {
        long n = commits.sum();
        return n == 0 ? 0 : commitNanos.sum() / 1e6 / n;
    }

    public long errors() {
        return errors.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public int inflight() {
        return inflight.get();
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public Map<String, Long> rowsByTable() {
        Map<String, Long> result = new TreeMap<>();
        rowsByTable.forEach((table, count) -> result.put(table, count.sum()));
        return result;
    }
}
