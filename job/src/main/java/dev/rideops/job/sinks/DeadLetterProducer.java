package dev.rideops.job.sinks;

import dev.rideops.job.cdc.DeadLetter;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;

/**
 * Sends a sink's dead letters to Kafka, at least once when {@link #flush} is called before each checkpoint. Dead
 * letters are rare, so the producer (a connection to the brokers per writer) is only made for the first one.
 */
final class DeadLetterProducer implements Closeable {

    private final Supplier<Producer<byte[], byte[]>> connect;
    private final DeadLetterSerializer serializer;
    private Producer<byte[], byte[]> producer;
    /** A send that failed after the producer's own retries, seen on its I/O thread. */
    private volatile Exception lost;

    DeadLetterProducer(Supplier<Producer<byte[], byte[]>> connect, DeadLetterSerializer serializer) {
        this.connect = connect;
        this.serializer = serializer;
    }

    void send(DeadLetter letter) throws IOException {
        failIfLost();
        if (producer == null) {
            producer = connect.get();
        }
        producer.send(serializer.serialize(letter, null, null), (metadata, e) -> {
            if (e != null && lost == null) {
                lost = e;
            }
        });
    }

    /** Waits until every letter sent so far is on the topic; fails if one could not be written. */
    void flush() throws IOException {
        if (producer != null) {
            producer.flush();
        }
        failIfLost();
    }

    /** Failing the job is the only way not to lose a letter: the restore resends its document and it is refused again. */
    private void failIfLost() throws IOException {
        if (lost != null) {
            throw new IOException("could not write a dead letter: " + lost.getMessage(), lost);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            // letters not yet flushed belong to documents after the last checkpoint, which a restore sends again
            producer.close(Duration.ofSeconds(5));
        }
    }
}
