package dev.rideops.cli.commands;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C or SIGTERM into an interrupt of the command's thread, and holds the JVM's exit until that thread has
 * left the block (at most {@code cleanup}), so its finally blocks run: an interrupted bench still stops its own
 * generator and starts again the background generator it took over.
 */
final class InterruptOnSignal implements AutoCloseable {

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    InterruptOnSignal(Duration cleanup) {
        Thread worker = Thread.currentThread();
        hook = new Thread(
                () -> {
                    worker.interrupt();
                    try {
                        done.await(cleanup.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "interrupt-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and was just released
        }
    }
}
