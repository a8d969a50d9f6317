package dev.rideops.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The bench's watching threads' CPU, told apart from the rest of the process by thread name. */
class ObserverCpuTest {

    @Test
    void countsWhatAPollerThreadBurnedAndNotWhatOtherThreadsDo() throws Exception {
        ObserverCpu observer = new ObserverCpu();
        CountDownLatch burned = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        Thread poller = new Thread(
                () -> {
                    burn(200);
                    burned.countDown();
                    try {
                        measured.await(); // alive while sampled: a live thread's time is read
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                OutputPollers.THREAD);
        poller.start();
        burn(200); // this thread's (the generator's, say) time is not the observer's
        burned.await();

        long nanos = observer.nanosSinceLast();
        measured.countDown();
        poller.join();

        // the poller's 200 ms of CPU; not ~400 with this thread's
        assertThat(nanos).isBetween(200_000_000L, 300_000_000L);
        assertThat(observer.nanosSinceLast()).isLessThan(50_000_000L);
    }

    @Test
    void namesTheTailAndThePollers() {
        assertThat(ObserverCpu.observing("bench-kafka-tail")).isTrue();
        assertThat(ObserverCpu.observing("bench-poller")).isTrue();
        assertThat(ObserverCpu.observing("bench-generator")).isFalse();
    }

    /** Uses {@code millis} of this thread's CPU (not of the wall clock, which a busy machine stretches). */
    private static void burn(long millis) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long end = threads.getCurrentThreadCpuTime() + millis * 1_000_000;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < end) {
            x += System.nanoTime() % 7;
        }
        if (x == 42) {
            System.out.print("");
        }
    }
}
