package dev.rideops.clients;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Pools for work rideops runs side by side (probes, reads of several services): daemon threads, so a read that
 * never answers cannot keep a command's JVM from exiting.
 */
public final class DaemonThreads {

    private DaemonThreads() {}

    /** A pool growing a named daemon thread per task that finds none idle; the caller shuts it down. */
    public static ExecutorService cachedPool(String name) {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
