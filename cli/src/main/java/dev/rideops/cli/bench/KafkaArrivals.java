package dev.rideops.cli.bench;

import dev.rideops.clients.Poll;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.clients.kafka.TopicTail;
import dev.rideops.contract.CdcContract;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Tells the trackers when the changes they time reached Kafka: tails the drivers and pings CDC topics on its own
 * thread and reports each record's event time with its Kafka timestamp. Only for JSON change events (Avro's need
 * the registry's schemas; the Kafka leg then stays empty). A tail that cannot start or fails ends the Kafka leg, with
 * the reason kept for the bench to print; the latency from commit to visible is measured all the same.
 */
final class KafkaArrivals implements AutoCloseable {

    private static final String DRIVERS = CdcContract.topic("public.drivers");
    private static final String PINGS = CdcContract.topic("public.driver_location_events");
    private static final Duration DRAIN = Duration.ofSeconds(2);
    static final String THREAD = "bench-kafka-tail";

    private final VisibilityTracker snapshot;
    private final VisibilityTracker search;
    private final AtomicReference<String> stopped = new AtomicReference<>();
    private final Thread thread;
    private volatile TopicTail tail;
    private volatile boolean closing;

    private KafkaArrivals(VisibilityTracker snapshot, VisibilityTracker search, KafkaAccess kafka) {
        this.snapshot = snapshot;
        this.search = search;
        thread = new Thread(() -> run(kafka), THREAD);
        thread.setDaemon(true);
    }

    /**
     * Starts tailing before the load starts, so every commit of interest is seen in Kafka; {@code json} false (Avro
     * change events) tails nothing.
     */
    static KafkaArrivals start(VisibilityTracker snapshot, VisibilityTracker search, KafkaAccess kafka, boolean json) {
        KafkaArrivals arrivals = new KafkaArrivals(snapshot, search, kafka);
        if (!json) {
            arrivals.stopped.set("not measured with cdc.format avro");
            return arrivals;
        }
        try {
            arrivals.tail = TopicTail.open(kafka, List.of(DRIVERS, PINGS));
        } catch (KafkaException e) {
            arrivals.stopped.set("not measured: the CDC topics could not be read (" + e.getMessage() + ")");
            return arrivals;
        }
        snapshot.tracksKafka();
        search.tracksKafka();
        arrivals.thread.start();
        return arrivals;
    }

    private void run(KafkaAccess kafka) {
        Map<String, VisibilityTracker> trackers = Map.of(DRIVERS, snapshot, PINGS, search);
        Map<String, String> columns = Map.of(DRIVERS, "updated_at", PINGS, "recorded_at");
        try (TopicTail t = tail) {
            while (!closing) {
                for (TopicTail.Arrived a : t.poll(Duration.ofMillis(500))) {
                    long event = ChangeEventTime.micros(a.value(), columns.get(a.topic()));
                    if (event != ChangeEventTime.NONE) {
                        trackers.get(a.topic()).inKafkaUpTo(event, a.timestampMs());
                    }
                }
            }
        } catch (WakeupException e) {
            // closed
        } catch (RuntimeException e) {
            stopped.compareAndSet(null, "stopped: the tail on " + kafka.bootstrapServers() + " failed (" + e + ")");
        } finally {
            snapshot.stopsTrackingKafka();
            search.stopsTrackingKafka();
        }
    }

    /** Why the Kafka leg is not (or no longer) measured; null while it is. */
    String notMeasured() {
        return stopped.get();
    }

    /**
     * Stops the tail once it has read the step's last commits (waiting at most {@link #DRAIN}), so the step's end
     * has its Kafka leg too.
     */
    @Override
    public void close() {
        TopicTail t = tail;
        if (t != null && thread.isAlive()) {
            Poll.every(Duration.ofMillis(50), DRAIN)
                    .until(() -> !thread.isAlive() || snapshot.notInKafka() + search.notInKafka() == 0);
        }
        closing = true;
        if (t != null && thread.isAlive()) {
            t.wakeup();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
