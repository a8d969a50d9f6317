package dev.rideops.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A read stuck on a paused service gives "unknown" after its wait, and no second read piles up behind it. */
class BoundedReadTest {

    private final ExecutorService pool = DaemonThreads.cachedPool("bounded-read-test");
    private final BoundedRead<String> reads = new BoundedRead<>(pool, Duration.ofMillis(200), "unknown");

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void anAnswerWithinTheWaitIsTheReadsAndAFailureIsUnknown() {
        assertThat(reads.read(() -> "lag 0")).isEqualTo("lag 0");
        assertThat(reads.read(() -> {
                    throw new IllegalStateException("login refused");
                }))
                .isEqualTo("unknown");
    }

    @Test
    void aStuckReadIsUnknownAndNoOtherStartsUntilItEnded() throws Exception {
        CountDownLatch brokerResumed = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();

        long before = System.nanoTime();
        String first = reads.read(() -> {
            started.incrementAndGet();
            brokerResumed.await();
            return "stale";
        });
        assertThat(first).isEqualTo("unknown");
        assertThat(System.nanoTime() - before).isLessThan(TimeUnit.SECONDS.toNanos(5));

        assertThat(reads.read(() -> {
                    started.incrementAndGet();
                    return "never read";
                }))
                .isEqualTo("unknown");
        assertThat(started).hasValue(1);

        brokerResumed.countDown();
        // once the stuck read has ended, the next read is a fresh one; the stuck one's late answer is dropped
        String after = "unknown";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (after.equals("unknown") && System.nanoTime() < deadline) {
            after = reads.read(() -> "lag 12");
            Thread.sleep(10);
        }
        assertThat(after).isEqualTo("lag 12");
    }

    @Test
    void aPoolShutDownGivesUnknown() {
        pool.shutdownNow();

        assertThat(reads.read(() -> "never read")).isEqualTo("unknown");
    }
}
