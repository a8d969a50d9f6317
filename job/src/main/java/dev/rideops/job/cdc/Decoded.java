package dev.rideops.job.cdc;

/**
 * A CDC record as the job's source emits it: decoded into an event, or a dead letter saying why it could not be.
 * Decoding happens in the source so that watermarks are generated per Kafka partition from event time.
 */
public class Decoded {

    public SourceEvent event;
    public DeadLetter deadLetter;

    public Decoded() {}

    public static Decoded of(SourceEvent event) {
        Decoded d = new Decoded();
        d.event = event;
        return d;
    }

    public static Decoded failed(DeadLetter deadLetter) {
        Decoded d = new Decoded();
        d.deadLetter = deadLetter;
        return d;
    }

    /** Event time in epoch milliseconds; a dead letter carries none and never moves a watermark. */
    public long timestampMillis() {
        return event == null ? Long.MIN_VALUE : event.eventTime / 1000;
    }
}
