package dev.rideops.cli.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@code rideops up --volume tiny} stack shared by the integration test classes that only watch a running
 * pipeline (the dashboard, the alerts): started by the first class that needs it, stopped with {@code down --purge}
 * once every one of them has called {@link #release} (so it does not load the machine under the classes after
 * them), or at the end of the run when some did not run. Starting it takes minutes, so each class starting its own
 * would double that. The rate windows of the exporter are short (2 minutes recent, 5 baseline) so the alert tests
 * need not wait longer.
 */
final class SharedTinyStack implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedTinyStack.class);

    /** The classes that use it: DashboardIT and MonitoringIT. */
    private static final int USERS = 2;

    private static Stack current;
    private static int released;

    /** The running stack and how {@code up} answered; valid in and after a class's {@code @BeforeAll}. */
    record Stack(Path home, Rideops rideops, Rideops.Result up, java.util.concurrent.atomic.AtomicBoolean stopped)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            if (stopped.compareAndSet(false, true)) {
                rideops.run("down", "--purge");
            }
        }
    }

    /** A user class is done with the stack (its {@code @AfterAll}); the last one stops it. */
    static synchronized void release() {
        if (++released == USERS && current != null) {
            current.close();
        }
    }

    static Stack get() {
        if (current == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedTinyStack.class)");
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        current = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Stack.class, k -> start(), Stack.class);
    }

    private static Stack start() {
        try {
            Path home = Files.createTempDirectory("rideops-shared-it");
            Rideops rideops = new Rideops(home)
                    .env("RIDEOPS_MONITORING_KPI_WINDOW_MINUTES", "2")
                    .env("RIDEOPS_MONITORING_KPI_BASELINE_MINUTES", "5");
            return new Stack(
                    home,
                    rideops,
                    rideops.runOk("up", "--volume", "tiny", "--time-scale", "12"),
                    new java.util.concurrent.atomic.AtomicBoolean());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
