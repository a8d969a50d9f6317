package dev.rideops.cli.commands;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code onSignal} on Ctrl-C or SIGTERM, and holds the JVM's exit until the command has left the block (at most
 * {@code cleanup}), so its finally blocks run: an interrupted bench still starts again the background generator it
 * took over, and a stopped generator still reports what it wrote.
 */
final class OnSignal implements AutoCloseable {

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    OnSignal(Runnable onSignal, Duration cleanup) {
        hook = new Thread(
                () -> {
                    onSignal.run();
                    try {
                        done.await(cleanup.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Interrupts the thread that opens the block. */
    static OnSignal interrupt(Duration cleanup) {
        return new OnSignal(Thread.currentThread()::interrupt, cleanup);
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
