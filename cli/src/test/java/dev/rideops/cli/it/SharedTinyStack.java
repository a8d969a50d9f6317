package dev.rideops.cli.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@code rideops up --volume tiny} stack shared by the integration test classes that only watch a running
 * pipeline (the dashboard, the alerts): started by the first class that needs it, stopped with {@code down --purge}
 * when the whole run ends. Starting it takes minutes, so each class starting its own would double that. The rate
 * windows of the exporter are short (2 minutes recent, 5 baseline) so the alert tests need not wait longer.
 */
final class SharedTinyStack implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedTinyStack.class);

    private static Stack current;

    /** The running stack and how {@code up} answered; valid in and after a class's {@code @BeforeAll}. */
    record Stack(Path home, Rideops rideops, Rideops.Result up) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            rideops.run("down", "--purge");
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
            return new Stack(home, rideops, rideops.runOk("up", "--volume", "tiny"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
