package dev.rideops.cli.it;

import dev.rideops.clients.Poll;
import dev.rideops.clients.flink.FlinkJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@code rideops up --volume tiny} stack for the whole integration test run, shared by the classes that only
 * use a running pipeline (the alerts, the dashboard, the chaos faults, the secrets, the cohort batch on its Flink
 * cluster); a class opts in with {@code @ExtendWith(SharedTinyStack.class)}. Starting a stack takes a minute and a
 * half on two cores, so each class starting its own would cost that again. Classes that must own the whole stack
 * (down and up again, a job started without state, failed starts, port offsets) or a fresh source database keep
 * starting their own.
 *
 * <p>{@link SharedStackFirst} runs the classes that share it one after the other, before the rest, and tells this
 * extension how many they are: the last one's end stops it with {@code down --purge}, so it does not load the
 * machine under the classes that start their own. (Without the orderer, e.g. one class run from an IDE, it is
 * stopped at the end of the run.)
 *
 * <p>Each class gets it as {@code up} left it: the background generator running at the tiny volume and the job
 * RUNNING. A class may stop the generator (to let the pipeline drain) or fault the job; after each class this
 * extension puts back what it changed and says so on stderr, so one class cannot leave the next a different stack.
 *
 * <p>The rate windows of the exporter are short (2 minutes recent, 5 baseline) and Prometheus scrapes and evaluates
 * every 8 s, not 15, so the alert tests need not wait longer; the broker has the proxied listener ({@code kafka.proxy-port}) the chaos faults on the job's Kafka link use.
 */
final class SharedTinyStack implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedTinyStack.class);

    /** How many classes of this run use it, as {@link SharedStackFirst} counted them; -1 when unknown. */
    private static int users = -1;

    private static Stack current;
    private static int released;

    /** The running stack and how {@code up} answered; valid in and after a class's {@code @BeforeAll}. */
    record Stack(Path home, Rideops rideops, Rideops.Result up, AtomicBoolean stopped)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            if (stopped.compareAndSet(false, true)) {
                rideops.run("down", "--purge");
            }
        }
    }

    static synchronized void usersInThisRun(int count) {
        users = count;
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

    @Override
    public void afterAll(ExtensionContext context) {
        synchronized (SharedTinyStack.class) {
            released++;
            if (released == users) {
                current.close();
                return;
            }
        }
        putBackWhatTheClassChanged(context.getRequiredTestClass().getSimpleName());
    }

    private static void putBackWhatTheClassChanged(String testClass) {
        Rideops rideops = current.rideops();
        FlinkJob flink = rideops.flink();
        // a job restarting after a fault gets a minute to come back on its own
        boolean running = Poll.every(Duration.ofSeconds(1), Duration.ofSeconds(60))
                .until(() -> flink.runningJobId()
                        .filter(id -> "RUNNING".equals(flink.state(id)))
                        .isPresent());
        if (!running) {
            System.err.println("SharedTinyStack: " + testClass + " left the job "
                    + flink.runningJobId().map(flink::state).orElse("stopped")
                    + "; deploying it again for the next class");
            rideops.runOk("deploy", "--only", "job");
        }
        if (!generatorRunning(rideops.home())) {
            System.err.println("SharedTinyStack: " + testClass + " left the generator stopped; starting it again");
            rideops.runOk("generate", "--detach", "--volume", "tiny", "--time-scale", "12", "--local-hour", "18");
        }
    }

    private static boolean generatorRunning(Path home) {
        Path pidFile = home.resolve("services/generator/service.pid");
        try {
            if (!Files.exists(pidFile)) {
                return false;
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim().split(" ")[0]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent();
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static Stack start() {
        try {
            Path home = Files.createTempDirectory("rideops-shared-it");
            Rideops rideops = new Rideops(home)
                    .env("RIDEOPS_MONITORING_KPI_WINDOW_MINUTES", "2")
                    .env("RIDEOPS_MONITORING_KPI_BASELINE_MINUTES", "5")
                    // alerts fire and resolve an interval sooner; 8 s still outlasts the exporter's 7 s budget
                    .env("RIDEOPS_MONITORING_SCRAPE_INTERVAL_SECONDS", "8");
            // the broker's proxied listener, for ChaosIT's faults on the job's Kafka link
            rideops.env("RIDEOPS_KAFKA_PROXY_PORT", Integer.toString(rideops.kafkaProxyPort()));
            return new Stack(
                    home,
                    rideops,
                    rideops.runOk("up", "--volume", "tiny", "--time-scale", "12", "--local-hour", "18"),
                    new AtomicBoolean());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
